/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Reads OTLP/JSON. It differs from the canonical protobuf JSON mapping in one way that matters:
 * trace and span ids are hex, not base64, so they are rewritten before {@link JsonFormat} parses.
 */
final class OtlpJson {
  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");
  // ids sit at most ~7 levels down (resourceSpans/scopeSpans/spans/links); deeper is attribute data
  private static final int MAX_ID_DEPTH = 12;
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  /** Reads as leniently as senders have been served so far: comments, NaN, single quotes. */
  private static final ObjectMapper READER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.ALLOW_COMMENTS)
          .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
          .enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES)
          .build();

  private OtlpJson() {}

  static Message parse(Signal signal, byte[] body) throws IngestException {
    JsonNode root;
    try {
      root = READER.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new IngestException(
          IngestError.BAD_REQUEST, "invalid JSON: " + IngestException.summary(e));
    }
    if (root == null || !root.isObject()) {
      throw new IngestException(IngestError.BAD_REQUEST, "invalid OTLP JSON: not an object");
    }
    hexIdsToBase64(root, 0);
    Message.Builder builder = signal.requestPrototype().newBuilderForType();
    try {
      PARSER.merge(root.toString(), builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IngestException(
          IngestError.BAD_REQUEST, "invalid OTLP JSON: " + IngestException.summary(e));
    }
    return builder.build();
  }

  static byte[] print(Message message) {
    try {
      return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      return "{}".getBytes(StandardCharsets.UTF_8);
    }
  }

  private static void hexIdsToBase64(JsonNode e, int depth) throws IngestException {
    if (depth > MAX_ID_DEPTH) {
      return;
    }
    if (e instanceof ArrayNode array) {
      for (JsonNode item : array) {
        hexIdsToBase64(item, depth + 1);
      }
    } else if (e instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        JsonNode v = field.getValue();
        if (ID_FIELDS.contains(field.getKey()) && v.isTextual()) {
          field.setValue(TextNode.valueOf(base64OfHex(field.getKey(), v.textValue())));
        } else {
          hexIdsToBase64(v, depth + 1);
        }
      }
    }
  }

  private static String base64OfHex(String field, String hex) throws IngestException {
    if (hex.isEmpty()) {
      return hex;
    }
    int expected = field.equals("traceId") ? 32 : 16;
    if (hex.length() != expected) {
      throw new IngestException(
          IngestError.BAD_REQUEST, field + " must be " + expected + " hex characters");
    }
    try {
      return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IngestException(IngestError.BAD_REQUEST, field + " is not hex");
    }
  }
}
