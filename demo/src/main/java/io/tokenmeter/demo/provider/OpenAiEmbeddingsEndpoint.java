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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** {@code POST /v1/embeddings}: eight deterministic floats per input, as JSON numbers or base64. */
final class OpenAiEmbeddingsEndpoint implements Endpoint {
  static final int DIMENSIONS = 8;

  @Override
  public ProviderDialect dialect() {
    return ProviderDialect.OPENAI;
  }

  @Override
  public long inputChars(JsonNode body) {
    long chars = 0;
    for (JsonNode input : inputs(body)) {
      chars += input.isTextual() ? input.asText().length() : input.size() * 4L;
    }
    return chars;
  }

  @Override
  public boolean producesOutput() {
    return false;
  }

  @Override
  public String invalidReason(JsonNode body) {
    JsonNode input = body.path("input");
    if (!input.isTextual() && !(input.isArray() && !input.isEmpty())) {
      return "'input' is a required property and must be a string or a non-empty array.";
    }
    return Endpoint.super.invalidReason(body);
  }

  @Override
  public void respond(FakeCall call, HttpExchange exchange) throws IOException {
    boolean base64 = "base64".equals(call.body().path("encoding_format").asText());
    ObjectNode body = JsonReply.object();
    body.put("object", "list");
    ArrayNode data = body.putArray("data");
    List<JsonNode> inputs = inputs(call.body());
    for (int i = 0; i < inputs.size(); i++) {
      float[] vector = vector(inputs.get(i).toString());
      ObjectNode embedding = data.addObject();
      embedding.put("object", "embedding");
      embedding.put("index", i);
      if (base64) {
        embedding.put("embedding", base64(vector));
      } else {
        ArrayNode numbers = embedding.putArray("embedding");
        for (float value : vector) {
          numbers.add(value);
        }
      }
    }
    body.put("model", call.model());
    ObjectNode usage = body.putObject("usage");
    usage.put("prompt_tokens", call.usage().input());
    usage.put("total_tokens", call.usage().input());
    JsonReply.send(exchange, dialect(), 200, body);
  }

  /** A string, an array of strings, an array of token ids, or an array of token-id arrays. */
  private static List<JsonNode> inputs(JsonNode body) {
    JsonNode input = body.path("input");
    List<JsonNode> inputs = new ArrayList<>();
    if (input.isArray() && (input.get(0).isTextual() || input.get(0).isArray())) {
      input.forEach(inputs::add);
    } else if (!input.isMissingNode()) {
      inputs.add(input);
    }
    return inputs;
  }

  /** Returns a unit vector that depends only on the text. */
  static float[] vector(String text) {
    float[] vector = new float[DIMENSIONS];
    long seed = text.hashCode() * 0x9E3779B97F4A7C15L;
    double norm = 0;
    for (int i = 0; i < DIMENSIONS; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      vector[i] = ((seed >>> 40) / (float) (1 << 24)) * 2 - 1;
      norm += vector[i] * vector[i];
    }
    float scale = (float) (1 / Math.sqrt(norm == 0 ? 1 : norm));
    for (int i = 0; i < DIMENSIONS; i++) {
      vector[i] *= scale;
    }
    return vector;
  }

  private static String base64(float[] vector) {
    ByteBuffer buffer =
        ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : vector) {
      buffer.putFloat(value);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }
}
