/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Token counts the fake provider reports for one call, in OpenAI's meaning: {@code input} counts
 * all input tokens, cached ones included, and {@code output} counts all output tokens, reasoning
 * included.
 */
public record FakeUsage(
    long input, long cachedRead, long cacheCreation, long output, long reasoning) {

  public FakeUsage {
    if (input < 0 || cachedRead < 0 || cacheCreation < 0 || output < 0 || reasoning < 0) {
      throw new IllegalArgumentException(
          "token counts must not be negative: "
              + toHeader(input, cachedRead, cacheCreation, output, reasoning));
    }
    if (cachedRead + cacheCreation > input) {
      throw new IllegalArgumentException(
          "cachedRead + cacheCreation must not exceed input (input counts all input tokens)");
    }
    if (reasoning > output) {
      throw new IllegalArgumentException(
          "reasoning must not exceed output (output counts reasoning tokens)");
    }
  }

  /** Returns usage with the given input and output tokens and no cache or reasoning tokens. */
  public static FakeUsage of(long input, long output) {
    return new FakeUsage(input, 0, 0, output, 0);
  }

  /**
   * Returns the input tokens that were neither read from nor written to the cache (Anthropic's
   * {@code input_tokens}).
   */
  public long uncachedInput() {
    return input - cachedRead - cacheCreation;
  }

  /** Returns input plus output tokens. */
  public long total() {
    return input + output;
  }

  /** Returns this usage as the value of the {@code x-fake-usage} request header. */
  public String toHeader() {
    return toHeader(input, cachedRead, cacheCreation, output, reasoning);
  }

  /**
   * Parses an {@code x-fake-usage} header value such as {@code input=1200,cached=200,output=300};
   * keys left out keep their value from {@code base}.
   */
  static FakeUsage parseHeader(String value, FakeUsage base) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("input", base.input);
    counts.put("cached", base.cachedRead);
    counts.put("cache_creation", base.cacheCreation);
    counts.put("output", base.output);
    counts.put("reasoning", base.reasoning);
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      String key = kv[0].trim().toLowerCase(Locale.ROOT);
      if (kv.length != 2 || !counts.containsKey(key)) {
        throw new IllegalArgumentException(
            "x-fake-usage: expected input=,cached=,cache_creation=,output=,reasoning=, got '"
                + pair.trim()
                + "'");
      }
      try {
        counts.put(key, Long.parseLong(kv[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("x-fake-usage: '" + kv[1].trim() + "' is not a number");
      }
    }
    return new FakeUsage(
        counts.get("input"),
        counts.get("cached"),
        counts.get("cache_creation"),
        counts.get("output"),
        counts.get("reasoning"));
  }

  private static String toHeader(
      long input, long cached, long cacheCreation, long output, long reasoning) {
    return "input="
        + input
        + ",cached="
        + cached
        + ",cache_creation="
        + cacheCreation
        + ",output="
        + output
        + ",reasoning="
        + reasoning;
  }
}
