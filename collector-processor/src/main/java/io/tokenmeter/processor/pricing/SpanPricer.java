package io.tokenmeter.processor.pricing;

import io.tokenmeter.pricing.Cost;
import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.ModelPrice;
import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.pricing.TokenUsage;
import io.tokenmeter.processor.normalize.GenAiCall;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices GenAI calls with the catalog, or takes the cost the span already carries.
 *
 * <p>Which cost wins: the span's own cost ({@code tokenmeter.cost.usd}, else OpenLIT's {@code
 * gen_ai.usage.cost}) unless {@code repriceAll} is set and the catalog knows the model; then the
 * catalog's. How a span-provided total is split over token types: by the span's {@code
 * tokenmeter.cost.*_usd} parts when present (output takes the remainder, so parts always sum to the
 * total; reasoning stays inside output, as the agent prices it); else in the proportions the
 * catalog gives for the same tokens; else all on {@code output}.
 */
public final class SpanPricer {
  private static final int MAX_CACHED_LOOKUPS = 10_000;
  private static final int SPLIT_SCALE = 18;
  private static final Object NOT_FOUND = new Object();

  private final PriceCatalog catalog;
  private final boolean repriceAll;
  private final ConcurrentHashMap<String, Object> lookups = new ConcurrentHashMap<>();

  public SpanPricer(PriceCatalog catalog, boolean repriceAll) {
    this.catalog = catalog;
    this.repriceAll = repriceAll;
  }

  public PricedCall price(GenAiCall call) {
    TokenUsage usage = usage(call);
    TokenCounts tokens = usage == null ? TokenCounts.NONE : partition(usage);
    ModelPrice price = lookup(call.provider(), call.model());
    CostBreakdown catalogCost = price != null && usage != null ? catalogCost(price, usage) : null;
    BigDecimal spanCost = call.spanCost();
    if (spanCost != null && (!repriceAll || catalogCost == null)) {
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
    String key = provider + '\u0000' + model;
    Object cached = lookups.get(key);
    if (cached == null) {
      ModelPrice found = catalog.find(provider.equals("unknown") ? null : provider, model);
      cached = found == null ? NOT_FOUND : found;
      if (lookups.size() < MAX_CACHED_LOOKUPS) {
        lookups.put(key, cached);
      }
    }
    return cached == NOT_FOUND ? null : (ModelPrice) cached;
  }

  static CostBreakdown catalogCost(ModelPrice price, TokenUsage usage) {
    Cost c = CostCalculator.cost(price, usage);
    return new CostBreakdown(
        c.input(),
        c.cacheRead(),
        c.cacheWrite(),
        c.output().subtract(c.reasoning()),
        c.reasoning());
  }

  static CostBreakdown split(GenAiCall call, BigDecimal total, CostBreakdown catalogCost) {
    GenAiCall.SpanCostParts parts = call.spanCostParts();
    if (parts != null) {
      BigDecimal input = orZero(parts.input());
      BigDecimal cacheRead = orZero(parts.cacheRead());
      BigDecimal cacheWrite = orZero(parts.cacheWrite());
      BigDecimal output = total.subtract(input).subtract(cacheRead).subtract(cacheWrite);
      if (output.signum() >= 0) {
        return new CostBreakdown(input, cacheRead, cacheWrite, output, BigDecimal.ZERO);
      }
    }
    if (catalogCost == null || catalogCost.total().signum() == 0) {
      return CostBreakdown.allOutput(total);
    }
    return proportional(total, catalogCost);
  }

  private static CostBreakdown proportional(BigDecimal total, CostBreakdown shape) {
    BigDecimal denominator = shape.total();
    BigDecimal input = share(total, shape.input(), denominator);
    BigDecimal cacheRead = share(total, shape.cacheRead(), denominator);
    BigDecimal cacheWrite = share(total, shape.cacheWrite(), denominator);
    BigDecimal reasoning = share(total, shape.reasoning(), denominator);
    BigDecimal output =
        total.subtract(input).subtract(cacheRead).subtract(cacheWrite).subtract(reasoning);
    return new CostBreakdown(input, cacheRead, cacheWrite, output, reasoning);
  }

  private static BigDecimal share(BigDecimal total, BigDecimal part, BigDecimal denominator) {
    return total.multiply(part).divide(denominator, SPLIT_SCALE, RoundingMode.DOWN);
  }

  private static BigDecimal orZero(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }
}
