/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.price;

/**
 * Tokens of one call split by {@link TokenType}: uncached input, cache read/write, non-reasoning
 * output, reasoning.
 */
public record TokenCounts(
    long input, long cacheRead, long cacheWrite, long output, long reasoning) {

  public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0, 0);

  public long get(TokenType type) {
    return switch (type) {
      case INPUT -> input;
      case CACHE_READ -> cacheRead;
      case CACHE_WRITE -> cacheWrite;
      case OUTPUT -> output;
      case REASONING -> reasoning;
    };
  }

  public long total() {
    return input + cacheRead + cacheWrite + output + reasoning;
  }
}
