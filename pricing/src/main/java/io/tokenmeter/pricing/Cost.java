/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import java.math.BigDecimal;

/** The exact, unrounded cost of one call in USD, split by kind of token. */
public final class Cost {
  private final ModelPrice price;
  private final boolean longContext;
  private final BigDecimal input;
  private final BigDecimal nonReasoningOutput;
  private final BigDecimal reasoning;
  private final BigDecimal cacheRead;
  private final BigDecimal cacheWrite;

  Cost(
      ModelPrice price,
      boolean longContext,
      BigDecimal input,
      BigDecimal nonReasoningOutput,
      BigDecimal reasoning,
      BigDecimal cacheRead,
      BigDecimal cacheWrite) {
    this.price = price;
    this.longContext = longContext;
    this.input = input;
    this.nonReasoningOutput = nonReasoningOutput;
    this.reasoning = reasoning;
    this.cacheRead = cacheRead;
    this.cacheWrite = cacheWrite;
  }

  /** Returns the cost of the uncached input tokens. */
  public BigDecimal input() {
    return input;
  }

  /** Returns the cost of all output tokens, reasoning included. */
  public BigDecimal output() {
    return nonReasoningOutput.add(reasoning);
  }

  /** Returns the part of {@link #output()} that reasoning tokens cost. */
  public BigDecimal reasoning() {
    return reasoning;
  }

  /** Returns the cost of the input tokens read from the cache. */
  public BigDecimal cacheRead() {
    return cacheRead;
  }

  /** Returns the cost of the input tokens written to the cache. */
  public BigDecimal cacheWrite() {
    return cacheWrite;
  }

  /** Returns the sum of the input, output, cache read and cache write costs. */
  public BigDecimal total() {
    return input.add(nonReasoningOutput).add(reasoning).add(cacheRead).add(cacheWrite);
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
    return "Cost{total="
        + total().toPlainString()
        + ", input="
        + input.toPlainString()
        + ", output="
        + output().toPlainString()
        + ", reasoning="
        + reasoning.toPlainString()
        + ", cacheRead="
        + cacheRead.toPlainString()
        + ", cacheWrite="
        + cacheWrite.toPlainString()
        + (longContext ? ", long context" : "")
        + ", price="
        + price.key()
        + '}';
  }
}
