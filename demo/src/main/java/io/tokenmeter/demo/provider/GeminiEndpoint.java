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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Gemini API (and Vertex AI's publisher-model paths): {@code POST
 * /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse}, {@code
 * :embedContent} and {@code :batchEmbedContents}. Usage is {@code usageMetadata}: {@code
 * promptTokenCount} counts all input (cached included), {@code candidatesTokenCount} the output
 * without thoughts.
 */
final class GeminiEndpoint implements Endpoint {
  static final Pattern PATH =
      Pattern.compile(
          "/v1(?:beta1?)?/(?:projects/[^/]+/locations/[^/]+/publishers/google/)?models/([^/:]+):(\\w+)");

  static boolean matches(String path) {
    return PATH.matcher(path).matches();
  }

  private static String action(String path) {
    Matcher m = PATH.matcher(path);
    return m.matches() ? m.group(2) : "";
  }

  @Override
  public ProviderDialect dialect() {
    return ProviderDialect.GEMINI;
  }

  @Override
  public String model(JsonNode body, String path) {
    Matcher m = PATH.matcher(path);
    return m.matches() ? m.group(1) : "";
  }

  @Override
  public long inputChars(JsonNode body) {
    long chars = FakeContent.textLength(body.path("systemInstruction").path("parts"));
    for (JsonNode content : body.path("contents")) {
      chars += FakeContent.textLength(content.path("parts"));
    }
    for (JsonNode request : body.path("requests")) {
      chars += FakeContent.textLength(request.path("content").path("parts"));
    }
    chars += FakeContent.textLength(body.path("content").path("parts"));
    return chars;
  }

  @Override
  public boolean producesOutput(String path) {
    return action(path).contains("Generate");
  }

  @Override
  public String invalidReason(JsonNode body) {
    return null;
  }

  @Override
  public void respond(FakeCall call, HttpExchange exchange) throws IOException {
    String action = action(exchange.getRequestURI().getPath());
    switch (action) {
      case "generateContent":
        JsonReply.send(exchange, dialect(), 200, response(call, text(call), call.usage(), true));
        break;
      case "streamGenerateContent":
        stream(call, exchange);
        break;
      case "embedContent":
      case "batchEmbedContents":
        JsonReply.send(exchange, dialect(), 200, embeddings(call, action.equals("embedContent")));
        break;
      default:
        dialect().sendError(exchange, 404, "Method " + action + " is not supported by the fake.");
    }
  }

  private static String text(FakeCall call) {
    JsonNode contents = call.body().path("contents");
    String last = "";
    for (JsonNode content : contents) {
      if (!"model".equals(content.path("role").asText())) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
          text.append(part.path("text").asText(""));
        }
        last = text.toString();
      }
    }
    return FakeContent.reply(last, 0);
  }

  private void stream(FakeCall call, HttpExchange exchange) throws IOException {
    SseWriter sse = SseWriter.open(exchange, dialect(), call);
    List<String> pieces = FakeContent.pieces(text(call));
    FakeUsage usage = call.usage();
    String id =
        FakeContent.random("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 22);
    for (int i = 0; i < pieces.size(); i++) {
      boolean last = i == pieces.size() - 1;
      // Gemini repeats usageMetadata on every chunk; the last one has the final counts.
      FakeUsage soFar =
          last ? usage : new FakeUsage(usage.input(), usage.cachedRead(), 0, i + 1, 0);
      ObjectNode chunk = response(call, pieces.get(i), soFar, last);
      chunk.put("responseId", id);
      sse.event(null, chunk);
    }
    sse.finish();
  }

  private static ObjectNode response(
      FakeCall call, String text, FakeUsage usage, boolean finished) {
    ObjectNode body = JsonReply.object();
    ObjectNode candidate = body.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.putArray("parts").addObject().put("text", text);
    content.put("role", "model");
    if (finished) {
      candidate.put("finishReason", "STOP");
    }
    candidate.put("index", 0);
    body.set("usageMetadata", usageMetadata(usage));
    body.put("modelVersion", call.model());
    body.put(
        "responseId",
        FakeContent.random("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 22));
    return body;
  }

  static ObjectNode usageMetadata(FakeUsage usage) {
    ObjectNode metadata = JsonReply.object();
    metadata.put("promptTokenCount", usage.input());
    if (usage.output() > 0) {
      metadata.put("candidatesTokenCount", usage.output() - usage.reasoning());
    }
    metadata.put("totalTokenCount", usage.input() + usage.output());
    if (usage.cachedRead() > 0) {
      metadata.put("cachedContentTokenCount", usage.cachedRead());
    }
    if (usage.reasoning() > 0) {
      metadata.put("thoughtsTokenCount", usage.reasoning());
    }
    ArrayNode details = metadata.putArray("promptTokensDetails");
    details.addObject().put("modality", "TEXT").put("tokenCount", usage.input());
    return metadata;
  }

  private static ObjectNode embeddings(FakeCall call, boolean single) {
    ObjectNode body = JsonReply.object();
    int count = single ? 1 : Math.max(1, call.body().path("requests").size());
    ArrayNode list = JsonReply.array();
    for (int i = 0; i < count; i++) {
      ObjectNode embedding = JsonReply.object();
      ArrayNode values = embedding.putArray("values");
      for (int d = 0; d < OpenAiEmbeddingsEndpoint.DIMENSIONS; d++) {
        values.add(((i + 1) * 31 + d * 7) % 100 / 100.0);
      }
      list.add(embedding);
    }
    if (single) {
      body.set("embedding", list.get(0));
    } else {
      body.set("embeddings", list);
    }
    ObjectNode usage = body.putObject("usageMetadata");
    usage.put("promptTokenCount", call.usage().input());
    usage.put("totalTokenCount", call.usage().input());
    return body;
  }
}
