/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon Bedrock's Converse API: {@code POST /model/{modelId}/converse}, and {@code
 * /model/{modelId}/converse-stream} in AWS event-stream framing. Like Anthropic's, Bedrock's {@code
 * inputTokens} excludes cache reads and writes, which {@code cacheReadInputTokens} and {@code
 * cacheWriteInputTokens} report.
 */
final class BedrockConverseEndpoint implements Endpoint {
  static final Pattern PATH = Pattern.compile("/model/([^/]+)/(converse|converse-stream)");

  static boolean matches(String path) {
    return PATH.matcher(path).matches();
  }

  @Override
  public ProviderDialect dialect() {
    return ProviderDialect.BEDROCK;
  }

  @Override
  public String model(JsonNode body, String path) {
    Matcher m = PATH.matcher(path);
    return m.matches() ? m.group(1) : "";
  }

  @Override
  public long inputChars(JsonNode body) {
    long chars = FakeContent.textLength(body.path("system"));
    for (JsonNode message : body.path("messages")) {
      chars += FakeContent.textLength(message.path("content"));
    }
    return chars;
  }

  @Override
  public String invalidReason(JsonNode body) {
    JsonNode messages = body.path("messages");
    return messages.isArray() && !messages.isEmpty()
        ? null
        : "1 validation error detected: Value null at 'messages' failed to satisfy constraint";
  }

  @Override
  public void respond(FakeCall call, HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getPath().endsWith("/converse-stream")) {
      stream(call, exchange);
      return;
    }
    ObjectNode body = JsonReply.object();
    ObjectNode message = body.putObject("output").putObject("message");
    message.put("role", "assistant");
    message.putArray("content").addObject().put("text", text(call));
    body.put("stopReason", "end_turn");
    body.set("usage", usage(call.usage()));
    body.putObject("metrics").put("latencyMs", 321);
    JsonReply.send(exchange, dialect(), 200, body);
  }

  private static String text(FakeCall call) {
    String last = "";
    for (JsonNode message : call.body().path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : message.path("content")) {
          text.append(block.path("text").asText(""));
        }
        last = text.toString();
      }
    }
    return FakeContent.reply(last, 0);
  }

  static ObjectNode usage(FakeUsage usage) {
    ObjectNode node = JsonReply.object();
    node.put("inputTokens", usage.uncachedInput());
    node.put("outputTokens", usage.output());
    node.put("totalTokens", usage.input() + usage.output());
    if (usage.cachedRead() > 0 || usage.cacheCreation() > 0) {
      node.put("cacheReadInputTokens", usage.cachedRead());
      node.put("cacheWriteInputTokens", usage.cacheCreation());
    }
    return node;
  }

  private void stream(FakeCall call, HttpExchange exchange) throws IOException {
    dialect().addResponseHeaders(exchange.getResponseHeaders());
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    int[] sent = {0};
    EventStreamWriter events = new EventStreamWriter(out, call, sent);
    events.event("messageStart", JsonReply.object().put("role", "assistant"));
    List<String> pieces = FakeContent.pieces(text(call));
    for (String piece : pieces) {
      ObjectNode delta = JsonReply.object();
      delta.putObject("delta").put("text", piece);
      delta.put("contentBlockIndex", 0);
      events.event("contentBlockDelta", delta);
    }
    events.event("contentBlockStop", JsonReply.object().put("contentBlockIndex", 0));
    events.event("messageStop", JsonReply.object().put("stopReason", "end_turn"));
    ObjectNode metadata = JsonReply.object();
    metadata.set("usage", usage(call.usage()));
    metadata.putObject("metrics").put("latencyMs", 321);
    events.event("metadata", metadata);
    out.close();
    exchange.close();
  }
}
