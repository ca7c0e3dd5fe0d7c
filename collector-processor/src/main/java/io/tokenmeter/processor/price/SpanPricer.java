/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.price;

import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.ModelPrice;
import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.pricing.TokenUsage;
import io.tokenmeter.processor.normalize.GenAiCall;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prices GenAI calls with the catalog, or takes the cost the span already carries.
 *
 * <p>Which cost wins: the span's own cost ({@code tokenmeter.cost.usd}, else OpenLIT's {@code
 * gen_ai.usage.cost}) unless {@code repriceAll} is set and the catalog knows the model; then the
 * catalog's. How a span-provided total is split over token types: by the span's {@code
 * tokenmeter.cost.*_usd} parts when present (output takes the remainder, so parts always sum to the
 * total; reasoning stays inside output, as the agent prices it); else in the proportions the
 * catalog gives for the same tokens, each share rounded down to the pico-dollar and output taking
 * the remainder; else all on {@code output}. All amounts are whole pico-dollars, so the parts of
 * every call sum exactly to its total.
 */
public final class SpanPricer {
  private static final int MAX_CACHED_LOOKUPS = 10_000;
  private static final Object NOT_FOUND = new Object();

  private final PriceCatalog catalog;
  private final boolean repriceAll;
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Object>> lookups =
      new ConcurrentHashMap<>();
  private final AtomicInteger cachedLookups = new AtomicInteger();

  public SpanPricer(PriceCatalog catalog, boolean repriceAll) {
    this.catalog = catalog;
    this.repriceAll = repriceAll;
  }

  public PricedCall price(GenAiCall call) {
    TokenUsage usage = usage(call);
    TokenCounts tokens = usage == null ? TokenCounts.NONE : partition(usage);
    ModelPrice price = lookup(call.provider(), call.model());
    CostBreakdown catalogCost = price != null && usage != null ? catalogCost(price, usage) : null;
    long spanCost = call.spanCostPico();
    if (spanCost >= 0 && (!repriceAll || catalogCost == null)) {
      return new PricedCall(call, tokens, split(call, spanCost, catalogCost), null, false);
    }
    if (catalogCost != null) {
      return new PricedCall(call, tokens, catalogCost, price.key(), true);
    }
    return new PricedCall(call, tokens, null, null, false);
  }

  static TokenUsage usage(GenAiCall call) {
    if (!call.hasUsage()) {
      return null;
    }
    return TokenUsage.of(
        Math.max(call.inputTokens(), 0),
        Math.max(call.outputTokens(), 0),
        call.cacheReadTokens(),
        call.cacheCreationTokens(),
        call.reasoningTokens());
  }

  static TokenCounts partition(TokenUsage u) {
    return new TokenCounts(
        u.uncachedInputTokens(),
        u.cacheReadTokens(),
        u.cacheCreationTokens(),
        u.nonReasoningOutputTokens(),
        Math.min(u.reasoningTokens(), u.outputTokens()));
  }

  private ModelPrice lookup(String provider, String model) {
    if (model == null || model.equals("unknown")) {
      return null;
    }
    // nested by provider, so a lookup hashes the two strings it has instead of concatenating them
    ConcurrentHashMap<String, Object> byModel = lookups.get(provider);
    Object cached = byModel == null ? null : byModel.get(model);
    if (cached == null) {
      ModelPrice found = catalog.find(provider.equals("unknown") ? null : provider, model);
      cached = found == null ? NOT_FOUND : found;
      if (cachedLookups.get() < MAX_CACHED_LOOKUPS) {
        if (byModel == null) {
          byModel = lookups.computeIfAbsent(provider, p -> new ConcurrentHashMap<>());
        }
        if (byModel.put(model, cached) == null) {
          cachedLookups.incrementAndGet();
        }
      }
    }
    return cached == NOT_FOUND ? null : (ModelPrice) cached;
  }

  /** Returns the catalog cost, or null beyond what a long holds (about 9.2 million USD). */
  static CostBreakdown catalogCost(ModelPrice price, TokenUsage usage) {
    try {
      CostBreakdown cost = CostBreakdown.of(CostCalculator.costPico(price, usage));
      return cost.total() >= 0 ? cost : null; // the parts fit, their sum did not
    } catch (ArithmeticException beyondLong) {
      return null;
    }
  }

  static CostBreakdown split(GenAiCall call, long total, CostBreakdown catalogCost) {
    GenAiCall.SpanCostParts parts = call.spanCostParts();
    if (parts != null) {
      long output = total - parts.input() - parts.cacheRead() - parts.cacheWrite();
      if (output >= 0) {
        return new CostBreakdown(parts.input(), parts.cacheRead(), parts.cacheWrite(), output, 0);
      }
    }
    if (catalogCost == null || catalogCost.total() == 0) {
      return CostBreakdown.allOutput(total);
    }
    return proportional(total, catalogCost);
  }

  private static CostBreakdown proportional(long total, CostBreakdown shape) {
    long denominator = shape.total();
    long input = share(total, shape.input(), denominator);
    long cacheRead = share(total, shape.cacheRead(), denominator);
    long cacheWrite = share(total, shape.cacheWrite(), denominator);
    long reasoning = share(total, shape.reasoning(), denominator);
    long output = total - input - cacheRead - cacheWrite - reasoning;
    return new CostBreakdown(input, cacheRead, cacheWrite, output, reasoning);
  }

  /** Returns {@code total × part / denominator} rounded down; {@code part <= denominator}. */
  static long share(long total, long part, long denominator) {
    long high = Math.multiplyHigh(total, part);
    long low = total * part;
    if (high == 0 && low >= 0) {
      return low / denominator;
    }
    // beyond a long only for amounts of millions of dollars: exact, not fast
    return BigInteger.valueOf(total)
        .multiply(BigInteger.valueOf(part))
        .divide(BigInteger.valueOf(denominator))
        .longValueExact();
  }
}
