/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.price;

import io.tokenmeter.pricing.PicoCost;

/**
 * Cost of one call in whole pico-dollars (1e-12 USD, see {@link PicoCost}) split by {@link
 * TokenType}; the parts sum exactly to {@link #total()}.
 */
public record CostBreakdown(
    long input, long cacheRead, long cacheWrite, long output, long reasoning) {

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

  /** Returns the catalog cost of a call, reasoning split out of output. */
  static CostBreakdown of(PicoCost c) {
    return new CostBreakdown(
        c.input(), c.cacheRead(), c.cacheWrite(), c.nonReasoningOutput(), c.reasoning());
  }

  /** Returns a breakdown that puts the whole amount on {@code output}. */
  static CostBreakdown allOutput(long total) {
    return new CostBreakdown(0, 0, 0, total, 0);
  }
}
