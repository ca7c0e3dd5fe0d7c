/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/** How each provider shapes its response headers and error bodies. */
enum ProviderDialect {
  OPENAI {
    @Override
    void addResponseHeaders(Headers headers) {
      headers.set("x-request-id", FakeContent.openAiRequestId());
      headers.set("openai-organization", "user-tokenmeter-fake");
      headers.set("openai-processing-ms", Integer.toString(processingMillis()));
      headers.set("openai-version", "2020-10-01");
      headers.set("x-ratelimit-limit-requests", "10000");
      headers.set("x-ratelimit-remaining-requests", "9999");
      headers.set("x-ratelimit-limit-tokens", "30000000");
      headers.set("x-ratelimit-remaining-tokens", "29999000");
      headers.set("x-ratelimit-reset-requests", "6ms");
      headers.set("x-ratelimit-reset-tokens", "0s");
    }

    @Override
    ObjectNode errorBody(int status, String message, String requestId) {
      ObjectNode error = JsonReply.object();
      error.put("message", message);
      error.put("type", openAiType(status));
      error.putNull("param");
      if (status == 429) {
        error.put("code", "rate_limit_exceeded");
      } else if (status == 404) {
        error.put("code", "unknown_url");
      } else {
        error.putNull("code");
      }
      ObjectNode body = JsonReply.object();
      body.set("error", error);
      return body;
    }

    @Override
    String requestId(Headers responseHeaders) {
      return responseHeaders.getFirst("x-request-id");
    }
  },

  ANTHROPIC {
    @Override
    void addResponseHeaders(Headers headers) {
      headers.set("request-id", FakeContent.anthropicRequestId());
      headers.set("anthropic-organization-id", "00000000-0000-4000-8000-00000000fa4e");
      headers.set("anthropic-ratelimit-requests-limit", "4000");
      headers.set("anthropic-ratelimit-requests-remaining", "3999");
      headers.set("anthropic-ratelimit-input-tokens-limit", "400000");
      headers.set("anthropic-ratelimit-input-tokens-remaining", "399000");
      headers.set("anthropic-ratelimit-output-tokens-limit", "80000");
      headers.set("anthropic-ratelimit-output-tokens-remaining", "79000");
      headers.set("x-envoy-upstream-service-time", Integer.toString(processingMillis()));
    }

    @Override
    ObjectNode errorBody(int status, String message, String requestId) {
      ObjectNode error = JsonReply.object();
      error.put("type", anthropicType(status));
      error.put("message", message);
      ObjectNode body = JsonReply.object();
      body.put("type", "error");
      body.set("error", error);
      body.put("request_id", requestId);
      return body;
    }

    @Override
    String requestId(Headers responseHeaders) {
      return responseHeaders.getFirst("request-id");
    }
  },

  /** Google's APIs: {@code {"error": {"code", "message", "status"}}}. */
  GEMINI {
    @Override
    void addResponseHeaders(Headers headers) {
      headers.set("server", "scaffolding on HTTPServer2");
      headers.set("x-gemini-service-tier", "standard");
      headers.set("server-timing", "gfet4t7; dur=" + processingMillis());
    }

    @Override
    ObjectNode errorBody(int status, String message, String requestId) {
      ObjectNode error = JsonReply.object();
      error.put("code", status);
      error.put("message", message);
      error.put("status", googleStatus(status));
      ObjectNode body = JsonReply.object();
      body.set("error", error);
      return body;
    }

    @Override
    String requestId(Headers responseHeaders) {
      return null;
    }
  },

  /** Amazon Bedrock: {@code {"message"}} with the error's name in {@code x-amzn-ErrorType}. */
  BEDROCK {
    @Override
    void addResponseHeaders(Headers headers) {
      headers.set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    }

    @Override
    ObjectNode errorBody(int status, String message, String requestId) {
      ObjectNode body = JsonReply.object();
      body.put("message", message);
      return body;
    }

    @Override
    void sendError(HttpExchange exchange, int status, String message) throws IOException {
      exchange
          .getResponseHeaders()
          .set(
              "x-amzn-ErrorType",
              bedrockErrorType(status) + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
      super.sendError(exchange, status, message);
    }

    @Override
    String requestId(Headers responseHeaders) {
      return responseHeaders.getFirst("x-amzn-RequestId");
    }
  };

  abstract void addResponseHeaders(Headers headers);

  abstract ObjectNode errorBody(int status, String message, String requestId);

  abstract String requestId(Headers responseHeaders);

  /** Sends a provider-shaped error and closes the exchange. */
  void sendError(HttpExchange exchange, int status, String message) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    addResponseHeaders(headers);
    if (status == 429) {
      headers.set("retry-after", "0");
    }
    ObjectNode body = errorBody(status, message, requestId(headers));
    JsonReply.send(exchange, this, status, body);
  }

  /** Returns the message the real provider sends with an injected error status. */
  String injectedMessage(int status) {
    switch (status) {
      case 400:
        return "Invalid request (injected by x-fake-error).";
      case 401:
        return this == OPENAI ? "Incorrect API key provided." : "invalid x-api-key";
      case 429:
        return this == OPENAI
            ? "Rate limit reached for requests. Please try again in 0s."
            : "This request would exceed the rate limit for your organization.";
      case 529:
        return "Overloaded";
      default:
        return status >= 500
            ? "The server had an error while processing your request. Sorry about that!"
            : "Request failed (injected by x-fake-error).";
    }
  }

  private static int processingMillis() {
    return 80 + ThreadLocalRandom.current().nextInt(400);
  }

  private static String bedrockErrorType(int status) {
    switch (status) {
      case 400:
        return "ValidationException";
      case 403:
        return "AccessDeniedException";
      case 404:
        return "ResourceNotFoundException";
      case 408:
        return "ModelTimeoutException";
      case 429:
        return "ThrottlingException";
      case 503:
        return "ServiceUnavailableException";
      default:
        return status >= 500 ? "InternalServerException" : "ValidationException";
    }
  }

  private static String googleStatus(int status) {
    switch (status) {
      case 400:
        return "INVALID_ARGUMENT";
      case 401:
        return "UNAUTHENTICATED";
      case 403:
        return "PERMISSION_DENIED";
      case 404:
        return "NOT_FOUND";
      case 429:
        return "RESOURCE_EXHAUSTED";
      case 503:
        return "UNAVAILABLE";
      default:
        return status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
    }
  }

  private static String openAiType(int status) {
    if (status == 429) {
      return "rate_limit_error";
    }
    if (status == 401) {
      return "authentication_error";
    }
    if (status == 404) {
      return "invalid_request_error";
    }
    return status >= 500 ? "server_error" : "invalid_request_error";
  }

  private static String anthropicType(int status) {
    switch (status) {
      case 401:
        return "authentication_error";
      case 403:
        return "permission_error";
      case 404:
        return "not_found_error";
      case 413:
        return "request_too_large";
      case 429:
        return "rate_limit_error";
      case 529:
        return "overloaded_error";
      default:
        return status >= 500 ? "api_error" : "invalid_request_error";
    }
  }
}
