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

/** {@code POST /v1/responses} (the Responses API), plain and streamed. */
final class OpenAiResponsesEndpoint implements Endpoint {

  @Override
  public ProviderDialect dialect() {
    return ProviderDialect.OPENAI;
  }

  @Override
  public long inputChars(JsonNode body) {
    return FakeContent.textLength(body.path("input"))
        + FakeContent.textLength(body.path("instructions"));
  }

  @Override
  public void respond(FakeCall call, HttpExchange exchange) throws IOException {
    Answer answer = new Answer(call);
    if (call.streaming()) {
      answer.stream(exchange);
    } else {
      JsonReply.send(exchange, dialect(), 200, answer.response("completed", true));
    }
  }

  /** One response: ids, text and the response object in its stages. */
  private static final class Answer {
    private final FakeCall call;
    private final String id = FakeContent.responseId();
    private final String messageId = FakeContent.outputMessageId();
    private final String reasoningId = FakeContent.reasoningItemId();
    private final long createdAt = FakeContent.nowSeconds();
    private final String text;
    private int sequence;

    Answer(FakeCall call) {
      this.call = call;
      this.text = FakeContent.reply(FakeContent.lastUserText(call.body().path("input")), 0);
    }

    void stream(HttpExchange exchange) throws IOException {
      SseWriter sse = SseWriter.open(exchange, ProviderDialect.OPENAI, call);
      ObjectNode created = event("response.created");
      created.set("response", response("in_progress", false));
      sse.event("response.created", created);
      ObjectNode inProgress = event("response.in_progress");
      inProgress.set("response", response("in_progress", false));
      sse.event("response.in_progress", inProgress);
      int outputIndex = 0;
      if (reasoning()) {
        sse.event("response.output_item.added", itemEvent("added", outputIndex, reasoningItem()));
        sse.event("response.output_item.done", itemEvent("done", outputIndex, reasoningItem()));
        outputIndex++;
      }
      ObjectNode emptyMessage = messageItem("in_progress", null);
      sse.event("response.output_item.added", itemEvent("added", outputIndex, emptyMessage));
      sse.event("response.content_part.added", partEvent("added", outputIndex, outputText("")));
      for (String piece : FakeContent.pieces(text)) {
        ObjectNode delta = textEvent("response.output_text.delta", outputIndex);
        delta.put("delta", piece);
        delta.putArray("logprobs");
        sse.event("response.output_text.delta", delta);
      }
      ObjectNode done = textEvent("response.output_text.done", outputIndex);
      done.put("text", text);
      done.putArray("logprobs");
      sse.event("response.output_text.done", done);
      sse.event("response.content_part.done", partEvent("done", outputIndex, outputText(text)));
      ObjectNode message = messageItem("completed", outputText(text));
      sse.event("response.output_item.done", itemEvent("done", outputIndex, message));
      ObjectNode completed = event("response.completed");
      completed.set("response", response("completed", true));
      sse.event("response.completed", completed);
      sse.finish();
    }

    ObjectNode response(String status, boolean finished) {
      JsonNode request = call.body();
      ObjectNode body = JsonReply.object();
      body.put("id", id);
      body.put("object", "response");
      body.put("created_at", createdAt);
      body.put("status", status);
      body.put("background", false);
      body.putNull("error");
      body.putNull("incomplete_details");
      body.set(
          "instructions",
          request.path("instructions").isTextual() ? request.get("instructions") : null);
      body.set("max_output_tokens", numberOrNull(request.path("max_output_tokens")));
      body.putNull("max_tool_calls");
      body.put("model", FakeContent.responseModel(call.model()));
      ArrayNode output = body.putArray("output");
      if (finished) {
        if (reasoning()) {
          output.add(reasoningItem());
        }
        output.add(messageItem("completed", outputText(text)));
      }
      body.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
      body.set("previous_response_id", textOrNull(request.path("previous_response_id")));
      body.putNull("prompt_cache_key");
      ObjectNode reasoning = body.putObject("reasoning");
      reasoning.set(
          "effort", reasoning() ? JsonReply.MAPPER.getNodeFactory().textNode("medium") : null);
      reasoning.putNull("summary");
      body.putNull("safety_identifier");
      body.put("service_tier", "default");
      body.put("store", request.path("store").asBoolean(true));
      body.put("temperature", request.path("temperature").asDouble(1.0));
      ObjectNode textConfig = body.putObject("text");
      textConfig.putObject("format").put("type", "text");
      textConfig.put("verbosity", "medium");
      body.put("tool_choice", "auto");
      body.set("tools", request.path("tools").isArray() ? request.get("tools") : JsonReply.array());
      body.put("top_logprobs", 0);
      body.put("top_p", request.path("top_p").asDouble(1.0));
      body.put("truncation", "disabled");
      body.set("usage", finished ? usage() : null);
      body.putNull("user");
      body.set(
          "metadata",
          request.path("metadata").isObject() ? request.get("metadata") : JsonReply.object());
      if (finished) {
        body.put("completed_at", FakeContent.nowSeconds());
      }
      return body;
    }

    private boolean reasoning() {
      return call.usage().reasoning() > 0;
    }

    private ObjectNode usage() {
      FakeUsage usage = call.usage();
      ObjectNode node = JsonReply.object();
      node.put("input_tokens", usage.input());
      ObjectNode input = node.putObject("input_tokens_details");
      input.put("cached_tokens", usage.cachedRead());
      input.put("cache_write_tokens", usage.cacheCreation());
      node.put("output_tokens", usage.output());
      node.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoning());
      node.put("total_tokens", usage.total());
      return node;
    }

    private ObjectNode messageItem(String status, ObjectNode part) {
      ObjectNode item = JsonReply.object();
      item.put("id", messageId);
      item.put("type", "message");
      item.put("status", status);
      ArrayNode content = item.putArray("content");
      if (part != null) {
        content.add(part);
      }
      item.put("role", "assistant");
      return item;
    }

    private ObjectNode reasoningItem() {
      ObjectNode item = JsonReply.object();
      item.put("id", reasoningId);
      item.put("type", "reasoning");
      item.putArray("summary");
      return item;
    }

    private static ObjectNode outputText(String text) {
      ObjectNode part = JsonReply.object();
      part.put("type", "output_text");
      part.putArray("annotations");
      part.putArray("logprobs");
      part.put("text", text);
      return part;
    }

    private ObjectNode event(String type) {
      ObjectNode event = JsonReply.object();
      event.put("type", type);
      event.put("sequence_number", sequence++);
      return event;
    }

    private ObjectNode itemEvent(String stage, int outputIndex, ObjectNode item) {
      ObjectNode event = event("response.output_item." + stage);
      event.put("output_index", outputIndex);
      event.set("item", item);
      return event;
    }

    private ObjectNode partEvent(String stage, int outputIndex, ObjectNode part) {
      ObjectNode event = textEvent("response.content_part." + stage, outputIndex);
      event.set("part", part);
      return event;
    }

    private ObjectNode textEvent(String type, int outputIndex) {
      ObjectNode event = event(type);
      event.put("item_id", messageId);
      event.put("output_index", outputIndex);
      event.put("content_index", 0);
      return event;
    }

    private static JsonNode numberOrNull(JsonNode node) {
      return node.isNumber() ? node : null;
    }

    private static JsonNode textOrNull(JsonNode node) {
      return node.isTextual() ? node : null;
    }
  }
}
