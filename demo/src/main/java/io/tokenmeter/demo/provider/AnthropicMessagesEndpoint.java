/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** {@code POST /v1/messages} (Anthropic Messages API), plain and streamed. */
final class AnthropicMessagesEndpoint implements Endpoint {

  @Override
  public ProviderDialect dialect() {
    return ProviderDialect.ANTHROPIC;
  }

  @Override
  public long inputChars(JsonNode body) {
    return FakeContent.textLength(body.path("messages"))
        + FakeContent.textLength(body.path("system"));
  }

  @Override
  public String invalidReason(JsonNode body) {
    if (!body.path("model").isTextual()) {
      return "model: Field required";
    }
    if (!body.path("max_tokens").isIntegralNumber()) {
      return "max_tokens: Field required";
    }
    if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
      return "messages: at least one message is required";
    }
    return null;
  }

  @Override
  public void respond(FakeCall call, HttpExchange exchange) throws IOException {
    Reply reply = new Reply(call);
    if (call.streaming()) {
      reply.stream(exchange);
    } else {
      JsonReply.send(exchange, dialect(), 200, reply.message());
    }
  }

  /** One assistant message: a text block, and a tool_use block when tools are offered. */
  private static final class Reply {
    private final FakeCall call;
    private final String id = FakeContent.anthropicMessageId();
    private final String text;
    private final ToolCallPlan tool;

    Reply(FakeCall call) {
      this.call = call;
      this.tool = ToolCallPlan.forAnthropic(call.body());
      String reply = FakeContent.reply(FakeContent.lastUserText(call.body().path("messages")), 0);
      this.text = tool == null ? reply : "I'll call " + tool.name() + " for that.";
    }

    ObjectNode message() {
      ObjectNode message = envelope();
      ArrayNode content = message.putArray("content");
      content.add(textBlock(text));
      if (tool != null) {
        content.add(toolUseBlock(tool.arguments()));
      }
      message.put("stop_reason", stopReason());
      message.putNull("stop_sequence");
      message.set("usage", usage(call.usage().output()));
      return message;
    }

    void stream(HttpExchange exchange) throws IOException {
      SseWriter sse = SseWriter.open(exchange, ProviderDialect.ANTHROPIC, call);
      ObjectNode start = event("message_start");
      ObjectNode message = envelope();
      message.putArray("content");
      message.putNull("stop_reason");
      message.putNull("stop_sequence");
      message.set("usage", usage(1));
      start.set("message", message);
      sse.event("message_start", start);
      sse.event("content_block_start", blockStart(0, textBlock("")));
      sse.event("ping", event("ping"));
      for (String piece : FakeContent.pieces(text)) {
        ObjectNode delta = JsonReply.object();
        delta.put("type", "text_delta");
        delta.put("text", piece);
        sse.event("content_block_delta", blockDelta(0, delta));
      }
      sse.event("content_block_stop", event("content_block_stop").put("index", 0));
      if (tool != null) {
        sse.event("content_block_start", blockStart(1, toolUseBlock(JsonReply.object())));
        for (String piece : FakeContent.pieces(tool.argumentsJson())) {
          ObjectNode delta = JsonReply.object();
          delta.put("type", "input_json_delta");
          delta.put("partial_json", piece);
          sse.event("content_block_delta", blockDelta(1, delta));
        }
        sse.event("content_block_stop", event("content_block_stop").put("index", 1));
      }
      ObjectNode messageDelta = event("message_delta");
      ObjectNode delta = messageDelta.putObject("delta");
      delta.put("stop_reason", stopReason());
      delta.putNull("stop_sequence");
      messageDelta.set("usage", deltaUsage());
      sse.event("message_delta", messageDelta);
      sse.event("message_stop", event("message_stop"));
      sse.finish();
    }

    private ObjectNode envelope() {
      ObjectNode message = JsonReply.object();
      message.put("id", id);
      message.put("type", "message");
      message.put("role", "assistant");
      message.put("model", FakeContent.responseModel(call.model()));
      return message;
    }

    private String stopReason() {
      return tool == null ? "end_turn" : "tool_use";
    }

    private ObjectNode usage(long outputTokens) {
      FakeUsage usage = call.usage();
      ObjectNode node = JsonReply.object();
      node.put("input_tokens", usage.uncachedInput());
      node.put("cache_creation_input_tokens", usage.cacheCreation());
      node.put("cache_read_input_tokens", usage.cachedRead());
      ObjectNode cacheCreation = node.putObject("cache_creation");
      cacheCreation.put("ephemeral_5m_input_tokens", usage.cacheCreation());
      cacheCreation.put("ephemeral_1h_input_tokens", 0);
      node.put("output_tokens", outputTokens);
      node.put("service_tier", "standard");
      return node;
    }

    private ObjectNode deltaUsage() {
      FakeUsage usage = call.usage();
      ObjectNode node = JsonReply.object();
      node.put("input_tokens", usage.uncachedInput());
      node.put("cache_creation_input_tokens", usage.cacheCreation());
      node.put("cache_read_input_tokens", usage.cachedRead());
      node.put("output_tokens", usage.output());
      return node;
    }

    private ObjectNode textBlock(String value) {
      ObjectNode block = JsonReply.object();
      block.put("type", "text");
      block.put("text", value);
      return block;
    }

    private ObjectNode toolUseBlock(ObjectNode input) {
      ObjectNode block = JsonReply.object();
      block.put("type", "tool_use");
      block.put("id", tool.id());
      block.put("name", tool.name());
      block.set("input", input);
      return block;
    }

    private static ObjectNode event(String type) {
      ObjectNode event = JsonReply.object();
      event.put("type", type);
      return event;
    }

    private static ObjectNode blockStart(int index, ObjectNode block) {
      ObjectNode event = event("content_block_start");
      event.put("index", index);
      event.set("content_block", block);
      return event;
    }

    private static ObjectNode blockDelta(int index, ObjectNode delta) {
      ObjectNode event = event("content_block_delta");
      event.put("index", index);
      event.set("delta", delta);
      return event;
    }
  }
}
