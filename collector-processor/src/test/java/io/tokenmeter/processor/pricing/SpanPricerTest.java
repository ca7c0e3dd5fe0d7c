package io.tokenmeter.processor.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.processor.normalize.GenAiCall;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanPricerTest {
  private static final PriceCatalog CATALOG = PriceCatalog.bundled();

  private static GenAiCall call(
      String model,
      long in,
      long out,
      long reasoning,
      BigDecimal cost,
      GenAiCall.SpanCostParts parts) {
    return new GenAiCall(
        "svc",
        "openai",
        model,
        "chat",
        false,
        in,
        out,
        0,
        0,
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
        new SpanPricer(CATALOG, false).price(call("gpt-4o", 1_000_000, 1_000_000, 0, null, null));
    assertThat(p.cost().input()).isEqualByComparingTo("2.50");
    assertThat(p.cost().output()).isEqualByComparingTo("10.00");
    assertThat(p.pricingModel()).isEqualTo("openai/gpt-4o");
    assertThat(p.costComputed()).isTrue();
  }

  @Test
  void splitsReasoningOutOfOutputSoThePartsSumToTheTotal() {
    PricedCall p = new SpanPricer(CATALOG, false).price(call("o3", 0, 1000, 400, null, null));
    assertThat(p.tokens()).isEqualTo(new TokenCounts(0, 0, 0, 600, 400));
    assertThat(p.cost().reasoning()).isEqualByComparingTo("0.0032");
    assertThat(p.cost().output()).isEqualByComparingTo("0.0048");
  }

  @Test
  void keepsTheSpansCostUnlessRepricingIsOn() {
    GenAiCall c = call("gpt-4o", 1_000_000, 0, 0, new BigDecimal("9.99"), null);
    assertThat(new SpanPricer(CATALOG, false).price(c).cost().total()).isEqualByComparingTo("9.99");
    assertThat(new SpanPricer(CATALOG, true).price(c).cost().total()).isEqualByComparingTo("2.50");
  }

  @Test
  void usesTheSpansPartsWithOutputTakingTheRemainder() {
    GenAiCall c =
        call(
            "gpt-4o",
            100,
            10,
            0,
            new BigDecimal("0.01"),
            new GenAiCall.SpanCostParts(
                new BigDecimal("0.004"), null, new BigDecimal("0.001"), null));
    CostBreakdown b = new SpanPricer(CATALOG, false).price(c).cost();
    assertThat(b.input()).isEqualByComparingTo("0.004");
    assertThat(b.cacheRead()).isEqualByComparingTo("0.001");
    assertThat(b.output()).isEqualByComparingTo("0.005");
    assertThat(b.total()).isEqualByComparingTo("0.01");
  }

  @Test
  void unknownModelsWithoutCostStayUnpriced() {
    PricedCall p =
        new SpanPricer(CATALOG, true).price(call("no-such-model", 10, 10, 0, null, null));
    assertThat(p.priced()).isFalse();
    assertThat(p.tokens().total()).isEqualTo(20);
  }

  @Test
  void repricingFallsBackToTheSpansCostForUnknownModels() {
    PricedCall p =
        new SpanPricer(CATALOG, true)
            .price(call("no-such-model", 10, 10, 0, new BigDecimal("0.5"), null));
    assertThat(p.cost().output()).isEqualByComparingTo("0.5");
  }
}
