/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One provider API operation of the fake provider. */
interface Endpoint {

  ProviderDialect dialect();

  /** Returns the characters of prompt text in the request, which drive the default input tokens. */
  long inputChars(JsonNode body);

  /** Returns whether the operation generates tokens (embeddings do not). */
  default boolean producesOutput() {
    return true;
  }

  /**
   * Returns whether the operation at this path generates tokens (for APIs that name it in the
   * path).
   */
  default boolean producesOutput(String path) {
    return producesOutput();
  }

  /**
   * Returns the requested model: the body's {@code model}, or a path segment for APIs that put it
   * there.
   */
  default String model(JsonNode body, String path) {
    return body.path("model").asText();
  }

  /** Returns a validation message for a request the real API would reject, or {@code null}. */
  default String invalidReason(JsonNode body) {
    return body.path("model").isTextual() ? null : "you must provide a model parameter";
  }

  void respond(FakeCall call, HttpExchange exchange) throws IOException;
}
