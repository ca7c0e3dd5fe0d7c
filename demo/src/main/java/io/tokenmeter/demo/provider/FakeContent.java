/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** What the fake models say, how they name themselves, and the ids they hand out. */
final class FakeContent {
  private static final Map<String, String> SNAPSHOTS =
      Map.of(
          "gpt-4o-mini", "gpt-4o-mini-2024-07-18",
          "gpt-4o", "gpt-4o-2024-08-06",
          "gpt-4.1", "gpt-4.1-2025-04-14",
          "o3", "o3-2025-04-16",
          "claude-3-5-haiku-latest", "claude-3-5-haiku-20241022");
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String HEX = "0123456789abcdef";
  private static final int QUOTE_LIMIT = 60;

  private FakeContent() {}

  /** Returns the dated snapshot a provider reports for an alias, or the requested model itself. */
  static String responseModel(String requestModel) {
    return SNAPSHOTS.getOrDefault(requestModel, requestModel);
  }

  static String reply(String lastUserText, int choice) {
    String quote = lastUserText.strip().replaceAll("\\s+", " ");
    if (quote.length() > QUOTE_LIMIT) {
      quote = quote.substring(0, QUOTE_LIMIT) + "...";
    }
    String prefix = choice == 0 ? "" : "(alternative " + (choice + 1) + ") ";
    return prefix + "This is a fake reply to \"" + quote + "\". Tokens are counted, not spent.";
  }

  /** Splits text into word-sized pieces that concatenate back to it. */
  static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i - 1) == ' ') {
        if (i > start) {
          pieces.add(text.substring(start, i));
        }
        start = i;
      }
    }
    return pieces;
  }

  /** Sums the lengths of the text in message contents (strings, text parts, nested content). */
  static long textLength(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return 0;
    }
    if (node.isTextual()) {
      return node.asText().length();
    }
    long sum = 0;
    if (node.isArray()) {
      for (JsonNode element : node) {
        sum += textLength(element);
      }
    } else if (node.isObject()) {
      sum += textLength(node.get("content")) + textLength(node.get("text"));
    }
    return sum;
  }

  /** Returns the text of the last user message in a messages/input array, or the input itself. */
  static String lastUserText(JsonNode messages) {
    if (messages.isTextual()) {
      return messages.asText();
    }
    String last = "";
    for (JsonNode message : messages) {
      if ("user".equals(message.path("role").asText())) {
        last = textOf(message.get("content"));
      }
    }
    return last;
  }

  private static String textOf(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      if (part.path("text").isTextual()) {
        text.append(text.length() == 0 ? "" : " ").append(part.path("text").asText());
      }
    }
    return text.toString();
  }

  static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }

  static String chatCompletionId() {
    return "chatcmpl-" + random(BASE62, 29);
  }

  static String anthropicMessageId() {
    return "msg_01" + random(BASE62, 22);
  }

  static String responseId() {
    return "resp_" + random(HEX, 48);
  }

  static String outputMessageId() {
    return "msg_" + random(HEX, 48);
  }

  static String reasoningItemId() {
    return "rs_" + random(HEX, 48);
  }

  static String toolCallId() {
    return "call_" + random(BASE62, 24);
  }

  static String toolUseId() {
    return "toolu_01" + random(BASE62, 22);
  }

  static String openAiRequestId() {
    return "req_" + random(HEX, 32);
  }

  static String anthropicRequestId() {
    return "req_011C" + random(BASE62, 20);
  }

  static String systemFingerprint() {
    return "fp_" + random(HEX, 10);
  }

  static String random(String alphabet, int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }
}
