/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.price;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.pricing.TokenUsage;
import io.tokenmeter.processor.ledger.Money;
import io.tokenmeter.processor.normalize.GenAiCall;
import java.math.BigDecimal;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpanPricerTest {
  private static final PriceCatalog CATALOG = PriceCatalog.bundled();

  /** Returns a USD amount in pico-dollars. */
  private static long usd(String usd) {
    return Money.toPico(new BigDecimal(usd));
  }

  private static GenAiCall call(
      String model, long in, long out, long reasoning, long cost, GenAiCall.SpanCostParts parts) {
    return call(model, in, out, 0, 0, reasoning, cost, parts);
  }

  private static GenAiCall call(
      String model,
      long in,
      long out,
      long cacheRead,
      long cacheWrite,
      long reasoning,
      long cost,
      GenAiCall.SpanCostParts parts) {
    return new GenAiCall(
        "svc",
        "openai",
        model,
        "chat",
        false,
        in,
        out,
        cacheRead,
        cacheWrite,
        reasoning,
        null,
        null,
        null,
        cost,
        parts,
        1.0,
        Double.NaN,
        ByteString.EMPTY,
        ByteString.EMPTY,
        Map.of());
  }

  @Test
  void pricesSpansWithoutCostFromTheCatalog() {
    PricedCall p =
        new SpanPricer(CATALOG, false).price(call("gpt-4o", 1_000_000, 1_000_000, 0, -1, null));
    assertThat(p.cost().input()).isEqualTo(usd("2.50"));
    assertThat(p.cost().output()).isEqualTo(usd("10.00"));
    assertThat(p.pricingModel()).isEqualTo("openai/gpt-4o");
    assertThat(p.costComputed()).isTrue();
  }

  @Test
  void pricesExactlyAsTheDecimalCalculator() {
    TokenUsage u = TokenUsage.of(123_457, 8_765, 100_000, 3_000, 4_000);
    PricedCall p =
        new SpanPricer(CATALOG, false)
            .price(call("o3", 123_457, 8_765, 100_000, 3_000, 4_000, -1, null));
    BigDecimal want = CostCalculator.cost(CATALOG.find("openai", "o3"), u).total();
    assertThat(p.cost().total()).isEqualTo(Money.toPico(want));
  }

  @Test
  void splitsReasoningOutOfOutputSoThePartsSumToTheTotal() {
    PricedCall p = new SpanPricer(CATALOG, false).price(call("o3", 0, 1000, 400, -1, null));
    assertThat(p.tokens()).isEqualTo(new TokenCounts(0, 0, 0, 600, 400));
    assertThat(p.cost().reasoning()).isEqualTo(usd("0.0032"));
    assertThat(p.cost().output()).isEqualTo(usd("0.0048"));
  }

  @Test
  void keepsTheSpansCostUnlessRepricingIsOn() {
    GenAiCall c = call("gpt-4o", 1_000_000, 0, 0, usd("9.99"), null);
    assertThat(new SpanPricer(CATALOG, false).price(c).cost().total()).isEqualTo(usd("9.99"));
    assertThat(new SpanPricer(CATALOG, true).price(c).cost().total()).isEqualTo(usd("2.50"));
  }

  @Test
  void usesTheSpansPartsWithOutputTakingTheRemainder() {
    GenAiCall c =
        call(
            "gpt-4o",
            100,
            10,
            0,
            usd("0.01"),
            new GenAiCall.SpanCostParts(usd("0.004"), 0, usd("0.001"), 0));
    CostBreakdown b = new SpanPricer(CATALOG, false).price(c).cost();
    assertThat(b.input()).isEqualTo(usd("0.004"));
    assertThat(b.cacheRead()).isEqualTo(usd("0.001"));
    assertThat(b.output()).isEqualTo(usd("0.005"));
    assertThat(b.total()).isEqualTo(usd("0.01"));
  }

  @Test
  void splitsASpanTotalInTheCatalogsProportionsSummingExactlyToIt() {
    // 1/3 of a pico-dollar cannot be split evenly: output takes what rounding down leaves
    GenAiCall c = call("o3", 6_000, 3_000, 1_000, 2_000, 1_000, 1_000_000_001L, null);
    CostBreakdown b = new SpanPricer(CATALOG, false).price(c).cost();
    assertThat(b.total()).isEqualTo(1_000_000_001L);
    assertThat(b.input()).isPositive();
    assertThat(b.cacheRead()).isPositive();
    assertThat(b.reasoning()).isPositive();
  }

  @Test
  void proportionalSplitsOfRandomTotalsAlwaysSumExactly() {
    SplittableRandom random = new SplittableRandom(11);
    SpanPricer pricer = new SpanPricer(CATALOG, false);
    for (int i = 0; i < 10_000; i++) {
      long in = 1 + random.nextInt(200_000);
      long cached = random.nextInt((int) in);
      long out = random.nextInt(50_000);
      long total = random.nextLong(Long.MAX_VALUE / 2); // big enough to need 128-bit products
      CostBreakdown b = pricer.price(call("o3", in, out, cached, 0, out / 3, total, null)).cost();
      assertThat(b.total()).isEqualTo(total);
      assertThat(Math.min(Math.min(b.input(), b.cacheRead()), Math.min(b.output(), b.reasoning())))
          .isNotNegative();
    }
  }

  @Test
  void sharesRoundDownExactlyBeyondALong() {
    assertThat(SpanPricer.share(Long.MAX_VALUE, 2, 3)).isEqualTo(Long.MAX_VALUE / 3 * 2);
    assertThat(SpanPricer.share(10, 1, 3)).isEqualTo(3);
  }

  @Test
  void unknownModelsWithoutCostStayUnpriced() {
    PricedCall p = new SpanPricer(CATALOG, true).price(call("no-such-model", 10, 10, 0, -1, null));
    assertThat(p.priced()).isFalse();
    assertThat(p.tokens().total()).isEqualTo(20);
  }

  @Test
  void repricingFallsBackToTheSpansCostForUnknownModels() {
    PricedCall p =
        new SpanPricer(CATALOG, true).price(call("no-such-model", 10, 10, 0, usd("0.5"), null));
    assertThat(p.cost().output()).isEqualTo(usd("0.5"));
  }

  @Test
  void costsBeyondWhatALongHoldsLeaveTheCallUnpriced() {
    PricedCall p =
        new SpanPricer(CATALOG, false)
            .price(call("gpt-4o", 4_000_000_000_000_000L, 0, 0, -1, null));
    assertThat(p.priced()).isFalse();
  }
}
