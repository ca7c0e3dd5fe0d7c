/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import java.math.BigDecimal;

/**
 * The cost of one call in whole pico-dollars (1e-12 USD), split by kind of token: the allocation-
 * and {@code BigDecimal}-free form of {@link Cost} for hot paths.
 *
 * <p>Catalog prices are USD per million tokens with at most six decimals, so a price is a whole
 * number of pico-dollars per token and {@code tokens × price} is exact in a {@code long}. Only
 * where that does not hold (a custom catalog row with more decimals, the scaled long-context cache
 * write and reasoning prices, or a product beyond {@code Long.MAX_VALUE}) is a part computed
 * exactly in decimal and rounded half-even to the pico-dollar; the parts then still sum exactly to
 * {@link #total()}.
 */
public final class PicoCost {
  /** Pico-dollars in one US dollar. */
  public static final long PICOS_PER_USD = 1_000_000_000_000L;

  /** The largest magnitude up to which every {@code long} is exactly a {@code double} (2^53). */
  private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

  private final ModelPrice price;
  private final boolean longContext;
  private final long input;
  private final long nonReasoningOutput;
  private final long reasoning;
  private final long cacheRead;
  private final long cacheWrite;

  PicoCost(
      ModelPrice price,
      boolean longContext,
      long input,
      long nonReasoningOutput,
      long reasoning,
      long cacheRead,
      long cacheWrite) {
    this.price = price;
    this.longContext = longContext;
    this.input = input;
    this.nonReasoningOutput = nonReasoningOutput;
    this.reasoning = reasoning;
    this.cacheRead = cacheRead;
    this.cacheWrite = cacheWrite;
  }

  /** Returns {@code pico} pico-dollars in USD, as the nearest double. */
  public static double usd(long pico) {
    if (Math.abs(pico) <= EXACT_DOUBLE_LIMIT) {
      // both operands are exact doubles, so the one rounding of the division is the only one
      return pico / (double) PICOS_PER_USD;
    }
    return BigDecimal.valueOf(pico, 12).doubleValue(); // about 9,000 USD and up: round once
  }

  /** Returns the cost of the uncached input tokens. */
  public long input() {
    return input;
  }

  /** Returns the cost of all output tokens, reasoning included. */
  public long output() {
    return nonReasoningOutput + reasoning;
  }

  /** Returns the cost of the output tokens that are not reasoning tokens. */
  public long nonReasoningOutput() {
    return nonReasoningOutput;
  }

  /** Returns the part of {@link #output()} that reasoning tokens cost. */
  public long reasoning() {
    return reasoning;
  }

  /** Returns the cost of the input tokens read from the cache. */
  public long cacheRead() {
    return cacheRead;
  }

  /** Returns the cost of the input tokens written to the cache. */
  public long cacheWrite() {
    return cacheWrite;
  }

  /** Returns the sum of the input, output, cache read and cache write costs. */
  public long total() {
    return input + nonReasoningOutput + reasoning + cacheRead + cacheWrite;
  }

  /** Returns the catalog row that priced the call. */
  public ModelPrice price() {
    return price;
  }

  /** Returns whether the call passed the row's long-context threshold and used its long prices. */
  public boolean longContext() {
    return longContext;
  }

  @Override
  public String toString() {
    return "PicoCost{total="
        + total()
        + ", input="
        + input
        + ", output="
        + output()
        + ", reasoning="
        + reasoning
        + ", cacheRead="
        + cacheRead
        + ", cacheWrite="
        + cacheWrite
        + (longContext ? ", long context" : "")
        + ", price="
        + price.key()
        + '}';
  }
}
