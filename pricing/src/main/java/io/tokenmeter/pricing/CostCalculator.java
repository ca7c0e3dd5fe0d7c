/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Computes what a call cost from its token usage and its catalog row, in exact decimal arithmetic.
 *
 * <p>Uncached input, cache reads, cache writes, non-reasoning output and reasoning output are each
 * priced at their own rate. When the row has a long-context tier and the call's input tokens
 * (cached ones included) exceed its threshold, the long prices apply to the whole call, as the
 * providers bill it. Cache writes then cost {@code cache_write × input_long / input}, because
 * providers set the cache write price as a fixed multiple of the input price; an explicit reasoning
 * price is scaled by {@code output_long / output} likewise. That ratio is the only division: it is
 * computed last and exactly, and only a non-terminating quotient is rounded to 34 significant
 * digits ({@link MathContext#DECIMAL128}).
 */
public final class CostCalculator {
  private static final int PER_MILLION_DIGITS = 6;

  private CostCalculator() {}

  /** Returns the cost of {@code usage} at the prices of {@code price}. */
  public static Cost cost(ModelPrice price, TokenUsage usage) {
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(usage, "usage");
    boolean longContext =
        price.hasLongContextTier() && usage.inputTokens() > price.longContextThreshold();
    return longContext ? longContextCost(price, usage) : standardCost(price, usage);
  }

  /**
   * Returns the cost of {@code usage} at the prices of {@code price} in whole pico-dollars, without
   * {@code BigDecimal} when the row's prices are whole pico-dollars per token (every bundled row).
   * Each part equals the exact {@link #cost} part rounded half-even to the pico-dollar.
   */
  public static PicoCost costPico(ModelPrice price, TokenUsage usage) {
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(usage, "usage");
    boolean longContext =
        price.hasLongContextTier() && usage.inputTokens() > price.longContextThreshold();
    if (!longContext) {
      ModelPrice.PicoRates r = price.picoRates();
      if (r != null) {
        try {
          return new PicoCost(
              price,
              false,
              Math.multiplyExact(usage.uncachedInputTokens(), r.input),
              Math.multiplyExact(usage.nonReasoningOutputTokens(), r.output),
              Math.multiplyExact(usage.reasoningTokens(), r.reasoning),
              Math.multiplyExact(usage.cacheReadTokens(), r.cacheRead),
              Math.multiplyExact(usage.cacheCreationTokens(), r.cacheWrite));
        } catch (ArithmeticException beyondLong) {
          // falls through to the exact decimal computation, which reports it below
        }
      }
    }
    Cost exact = cost(price, usage);
    return new PicoCost(
        price,
        exact.longContext(),
        toPico(exact.input()),
        toPico(exact.output().subtract(exact.reasoning())),
        toPico(exact.reasoning()),
        toPico(exact.cacheRead()),
        toPico(exact.cacheWrite()));
  }

  /**
   * Returns {@code usd} in whole pico-dollars, rounded half-even, throwing ArithmeticException
   * beyond the range of a {@code long} (about 9.2 million USD).
   */
  public static long toPico(BigDecimal usd) {
    if (usd.scale() <= 12) {
      return usd.scaleByPowerOfTen(12).longValueExact(); // exact, no BigInteger on this path
    }
    return usd.setScale(12, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
  }

  private static Cost standardCost(ModelPrice price, TokenUsage usage) {
    return new Cost(
        price,
        false,
        perMillion(usage.uncachedInputTokens(), price.input()),
        perMillion(usage.nonReasoningOutputTokens(), price.output()),
        perMillion(usage.reasoningTokens(), price.reasoning()),
        perMillion(usage.cacheReadTokens(), price.cacheRead()),
        perMillion(usage.cacheCreationTokens(), price.cacheWrite()));
  }

  private static Cost longContextCost(ModelPrice price, TokenUsage usage) {
    return new Cost(
        price,
        true,
        perMillion(usage.uncachedInputTokens(), price.inputLong()),
        perMillion(usage.nonReasoningOutputTokens(), price.outputLong()),
        scaledPerMillion(
            usage.reasoningTokens(), price.declaredReasoning(), price.outputLong(), price.output()),
        perMillion(usage.cacheReadTokens(), price.cacheReadLong()),
        scaledPerMillion(
            usage.cacheCreationTokens(),
            price.declaredCacheWrite(),
            price.inputLong(),
            price.input()));
  }

  private static BigDecimal perMillion(long tokens, BigDecimal pricePerMillion) {
    return BigDecimal.valueOf(tokens).multiply(pricePerMillion).movePointLeft(PER_MILLION_DIGITS);
  }

  /**
   * Returns {@code tokens × declared × longBase / base} per million, where a blank declared price
   * stands for the base price itself and so becomes {@code longBase}.
   */
  private static BigDecimal scaledPerMillion(
      long tokens, BigDecimal declared, BigDecimal longBase, BigDecimal base) {
    if (declared == null) {
      return perMillion(tokens, longBase);
    }
    if (base.signum() == 0) {
      return perMillion(tokens, declared); // a free base gives no ratio to scale by
    }
    BigDecimal numerator = BigDecimal.valueOf(tokens).multiply(declared).multiply(longBase);
    return divide(numerator, base).movePointLeft(PER_MILLION_DIGITS);
  }

  private static BigDecimal divide(BigDecimal numerator, BigDecimal divisor) {
    try {
      return numerator.divide(divisor);
    } catch (ArithmeticException nonTerminating) {
      return numerator.divide(divisor, MathContext.DECIMAL128);
    }
  }
}
