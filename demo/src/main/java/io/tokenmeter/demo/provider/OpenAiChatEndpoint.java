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
import java.util.List;

/** {@code POST /v1/chat/completions}, plain and streamed. */
final class OpenAiChatEndpoint implements Endpoint {
  private static final int MAX_CHOICES = 16;

  @Override
  public ProviderDialect dialect() {
    return ProviderDialect.OPENAI;
  }

  @Override
  public long inputChars(JsonNode body) {
    return FakeContent.textLength(body.path("messages"));
  }

  @Override
  public String invalidReason(JsonNode body) {
    if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
      return "Invalid 'messages': empty array. Expected an array with minimum length 1.";
    }
    return Endpoint.super.invalidReason(body);
  }

  @Override
  public void respond(FakeCall call, HttpExchange exchange) throws IOException {
    Chat chat = new Chat(call);
    if (call.streaming()) {
      chat.stream(exchange);
    } else {
      JsonReply.send(exchange, dialect(), 200, chat.completion());
    }
  }

  /** One answer: the same ids, model and texts for every chunk. */
  private static final class Chat {
    private final FakeCall call;
    private final String id = FakeContent.chatCompletionId();
    private final long created = FakeContent.nowSeconds();
    private final String fingerprint = FakeContent.systemFingerprint();
    private final int choices;
    private final String userText;
    private final ToolCallPlan tool;

    Chat(FakeCall call) {
      this.call = call;
      this.choices = Math.max(1, Math.min(MAX_CHOICES, call.body().path("n").asInt(1)));
      this.userText = FakeContent.lastUserText(call.body().path("messages"));
      this.tool = ToolCallPlan.forOpenAiChat(call.body());
    }

    ObjectNode completion() {
      ObjectNode body = envelope("chat.completion");
      ArrayNode list = body.putArray("choices");
      for (int i = 0; i < choices; i++) {
        ObjectNode choice = list.addObject();
        choice.put("index", i);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (tool != null) {
          message.putNull("content");
          message.putArray("tool_calls").add(toolCall(tool.argumentsJson()));
        } else {
          message.put("content", FakeContent.reply(userText, i));
        }
        message.putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason());
      }
      body.set("usage", usage());
      body.put("service_tier", "default");
      body.put("system_fingerprint", fingerprint);
      return body;
    }

    void stream(HttpExchange exchange) throws IOException {
      boolean includeUsage = call.body().path("stream_options").path("include_usage").asBoolean();
      SseWriter sse = SseWriter.open(exchange, ProviderDialect.OPENAI, call);
      for (int i = 0; i < choices; i++) {
        ObjectNode first = JsonReply.object();
        first.put("role", "assistant");
        if (tool != null) {
          first.putNull("content");
          ObjectNode start = toolCall("");
          start.put("index", 0);
          first.putArray("tool_calls").add(start);
        } else {
          first.put("content", "");
        }
        first.putNull("refusal");
        sse.event(null, chunk(i, first, null, includeUsage));
        List<String> pieces =
            tool != null
                ? FakeContent.pieces(tool.argumentsJson())
                : FakeContent.pieces(FakeContent.reply(userText, i));
        for (String piece : pieces) {
          sse.event(null, chunk(i, delta(piece), null, includeUsage));
        }
        sse.event(null, chunk(i, JsonReply.object(), finishReason(), includeUsage));
      }
      if (includeUsage) {
        ObjectNode last = envelope("chat.completion.chunk");
        last.putArray("choices");
        last.put("service_tier", "default");
        last.put("system_fingerprint", fingerprint);
        last.set("usage", usage());
        sse.event(null, last);
      }
      sse.data("[DONE]");
      sse.finish();
    }

    private ObjectNode delta(String piece) {
      ObjectNode delta = JsonReply.object();
      if (tool == null) {
        delta.put("content", piece);
        return delta;
      }
      ObjectNode call = JsonReply.object();
      call.put("index", 0);
      call.putObject("function").put("arguments", piece);
      delta.putArray("tool_calls").add(call);
      return delta;
    }

    private ObjectNode chunk(int index, ObjectNode delta, String finish, boolean includeUsage) {
      ObjectNode chunk = envelope("chat.completion.chunk");
      chunk.put("service_tier", "default");
      chunk.put("system_fingerprint", fingerprint);
      ObjectNode choice = chunk.putArray("choices").addObject();
      choice.put("index", index);
      choice.set("delta", delta);
      choice.putNull("logprobs");
      choice.put("finish_reason", finish);
      if (includeUsage) {
        chunk.putNull("usage");
      }
      return chunk;
    }

    private ObjectNode envelope(String object) {
      ObjectNode body = JsonReply.object();
      body.put("id", id);
      body.put("object", object);
      body.put("created", created);
      body.put("model", FakeContent.responseModel(call.model()));
      return body;
    }

    private ObjectNode toolCall(String arguments) {
      ObjectNode toolCall = JsonReply.object();
      toolCall.put("id", tool.id());
      toolCall.put("type", "function");
      ObjectNode function = toolCall.putObject("function");
      function.put("name", tool.name());
      function.put("arguments", arguments);
      return toolCall;
    }

    private String finishReason() {
      return tool != null ? "tool_calls" : "stop";
    }

    private ObjectNode usage() {
      FakeUsage usage = call.usage();
      ObjectNode node = JsonReply.object();
      node.put("prompt_tokens", usage.input());
      node.put("completion_tokens", usage.output());
      node.put("total_tokens", usage.total());
      ObjectNode prompt = node.putObject("prompt_tokens_details");
      prompt.put("cached_tokens", usage.cachedRead());
      prompt.put("audio_tokens", 0);
      if (usage.cacheCreation() > 0) {
        prompt.put("cache_write_tokens", usage.cacheCreation());
      }
      ObjectNode completion = node.putObject("completion_tokens_details");
      completion.put("reasoning_tokens", usage.reasoning());
      completion.put("audio_tokens", 0);
      completion.put("accepted_prediction_tokens", 0);
      completion.put("rejected_prediction_tokens", 0);
      return node;
    }
  }
}
