/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {
  @Test
  void catalogPricesAreWholePicoDollarsPerToken() {
    // 0.0375 USD per 1M tokens, one token
    assertThat(Money.toPico(new BigDecimal("0.0375").movePointLeft(6))).isEqualTo(37_500);
    assertThat(Money.toPico(new BigDecimal("2.5"))).isEqualTo(2_500_000_000_000L);
    assertThat(Money.toPico(new BigDecimal("1E+3"))).isEqualTo(1_000_000_000_000_000L);
  }

  @Test
  void finerSpanCostsRoundHalfEvenToThePicoDollarOnce() {
    assertThat(Money.toPico(new BigDecimal("0.0000000000005"))).isZero();
    assertThat(Money.toPico(new BigDecimal("0.0000000000015"))).isEqualTo(2);
    assertThat(Money.toPico(new BigDecimal(0.1))).isEqualTo(100_000_000_000L);
  }

  @Test
  void printsPlainDecimalsWithoutExponentOrTrailingZeros() {
    assertThat(Money.plain(Money.fromPico(1))).isEqualTo("0.000000000001");
    assertThat(Money.plain(Money.fromPico(12_500_000_000_000L))).isEqualTo("12.5");
    assertThat(Money.plain(Money.fromPico(0))).isEqualTo("0");
    assertThat(Money.plain(new BigDecimal("1E+3"))).isEqualTo("1000");
  }
}
