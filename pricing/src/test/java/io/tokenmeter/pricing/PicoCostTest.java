/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import static io.tokenmeter.pricing.TestCatalogs.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PicoCostTest {
  private static final List<TokenUsage> USAGES =
      Arrays.asList(
          TokenUsage.of(0, 0, 0, 0, 0),
          TokenUsage.of(1, 1, 0, 0, 0),
          TokenUsage.of(1200, 300, 200, 0, 0),
          TokenUsage.of(7100, 400, 5000, 2000, 0),
          TokenUsage.of(500, 2000, 0, 0, 1500),
          TokenUsage.of(250_000, 8000, 100_000, 20_000, 3000),
          TokenUsage.of(2_000_000, 100_000, 0, 1_000_000, 50_000));

  @Test
  void equalsTheExactCostRoundedToThePicoDollarForEveryBundledRow() {
    for (ModelPrice price : PriceCatalog.bundled().entries()) {
      for (TokenUsage usage : USAGES) {
        Cost exact = CostCalculator.cost(price, usage);
        PicoCost pico = CostCalculator.costPico(price, usage);

        String what = price.key() + " " + usage;
        assertThat(pico.input()).as(what).isEqualTo(rounded(exact.input()));
        assertThat(pico.output()).as(what).isEqualTo(rounded(exact.output()));
        assertThat(pico.reasoning()).as(what).isEqualTo(rounded(exact.reasoning()));
        assertThat(pico.cacheRead()).as(what).isEqualTo(rounded(exact.cacheRead()));
        assertThat(pico.cacheWrite()).as(what).isEqualTo(rounded(exact.cacheWrite()));
        assertThat(pico.longContext()).as(what).isEqualTo(exact.longContext());
        assertThat(pico.price()).isSameAs(price);
        if (!exact.longContext()) {
          // whole pico-dollars per token: nothing to round, so the total is exact too
          assertThat(BigDecimal.valueOf(pico.total(), 12))
              .as(what)
              .isEqualByComparingTo(exact.total());
        }
      }
    }
  }

  @Test
  void pricesSevenDecimalRowsExactlyAndRoundsHalfEvenToThePicoDollar() {
    // 0.0000005 USD per million tokens is half a pico-dollar per token
    ModelPrice price = row("openai,tiny-test,0.0000005,0.0000015,,,,,,,,");

    PicoCost one = CostCalculator.costPico(price, TokenUsage.of(1, 1, 0, 0, 0));
    PicoCost three = CostCalculator.costPico(price, TokenUsage.of(3, 0, 0, 0, 0));

    assertThat(one.input()).isZero(); // 0.5 -> 0 (half-even)
    assertThat(one.output()).isEqualTo(2); // 1.5 -> 2
    assertThat(three.input()).isEqualTo(2); // 1.5 -> 2
  }

  @Test
  void appliesLongContextPricesAsTheDecimalCalculatorDoes() {
    ModelPrice price = row("gcp.gemini,long-test,1,2,,,5,1000,3,4,,");
    TokenUsage usage = TokenUsage.of(1500, 700, 0, 0, 300);

    PicoCost pico = CostCalculator.costPico(price, usage);

    assertThat(pico.longContext()).isTrue();
    assertThat(pico.input()).isEqualTo(1500 * 3_000_000L); // 3 USD per million = 3e6 pico per token
    assertThat(pico.nonReasoningOutput()).isEqualTo(400 * 4_000_000L);
    assertThat(pico.reasoning()).isEqualTo(300 * 10_000_000L); // 5 x 4 / 2
  }

  @Test
  void convertsToUsd() {
    assertThat(PicoCost.usd(345_000_000L)).isEqualTo(0.000345);
    assertThat(PicoCost.usd(0)).isZero();
    // beyond 2^53 pico-dollars a double division would round twice; the result is the nearest
    // double
    long large = 403_703_705_062_500_000L;
    assertThat(PicoCost.usd(large)).isEqualTo(new BigDecimal("403703.7050625").doubleValue());
    assertThat(PicoCost.usd(-large)).isEqualTo(new BigDecimal("-403703.7050625").doubleValue());
    assertThat(CostCalculator.toPico(new BigDecimal("0.0000000000015"))).isEqualTo(2);
    assertThatThrownBy(() -> CostCalculator.toPico(new BigDecimal("1e7")))
        .isInstanceOf(ArithmeticException.class);
  }

  private static long rounded(BigDecimal usd) {
    return usd.setScale(12, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
  }
}
