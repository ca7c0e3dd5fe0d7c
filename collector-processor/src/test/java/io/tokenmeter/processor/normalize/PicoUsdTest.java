/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.processor.ledger.Money;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PicoUsdTest {
  /**
   * What the processor did before: the double's shortest decimal, refused beyond 30 decimals,
   * rounded half-even once.
   */
  private static long viaDecimal(double usd) {
    BigDecimal d = BigDecimal.valueOf(usd);
    return d.scale() > 30 ? -1 : Money.toPico(d);
  }

  @Test
  void convertsLikeTheShortestDecimalRoundedHalfEven() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      double usd =
          switch (i % 4) {
            case 0 -> random.nextInt(100_000) * 0.15e-6 + random.nextInt(5_000) * 0.6e-6;
            case 1 -> random.nextDouble() * Math.pow(10, -random.nextInt(14));
            case 2 -> random.nextLong(1_000_000_000_000_000L) / 1e12; // whole pico-dollars
            default -> (random.nextLong(2_000_000) + 0.5) / 1e12; // ties at half a pico-dollar
          };
      assertThat(PicoUsd.of(usd)).as("%s", usd).isEqualTo(viaDecimal(usd));
    }
  }

  @Test
  void roundsTiesToEven() {
    assertThat(PicoUsd.of(1.5e-12)).isEqualTo(2);
    assertThat(PicoUsd.of(2.5e-12)).isEqualTo(2);
    assertThat(PicoUsd.of(0.4e-12)).isEqualTo(0);
  }

  @Test
  void refusesWhatIsNoAmount() {
    assertThat(PicoUsd.of(-0.01)).isEqualTo(-1);
    assertThat(PicoUsd.of(Double.NaN)).isEqualTo(-1);
    assertThat(PicoUsd.of(Double.POSITIVE_INFINITY)).isEqualTo(-1);
    assertThat(PicoUsd.of(1e-40)).isEqualTo(-1); // over 30 decimals, as before
    assertThat(PicoUsd.of(1e7)).isEqualTo(-1); // beyond a long of pico-dollars
    assertThat(PicoUsd.of(-0.0)).isZero();
    assertThat(PicoUsd.of(-3L)).isEqualTo(-1);
    assertThat(PicoUsd.of(Long.MAX_VALUE)).isEqualTo(-1);
    assertThat(PicoUsd.parse("abc")).isEqualTo(-1);
    assertThat(PicoUsd.parse("-1")).isEqualTo(-1);
  }

  @Test
  void readsIntegersAndStrings() {
    assertThat(PicoUsd.of(2L)).isEqualTo(2_000_000_000_000L);
    assertThat(PicoUsd.parse(" 0.0000015 ")).isEqualTo(1_500_000L);
    assertThat(PicoUsd.parse("1e-13")).isZero();
  }
}
