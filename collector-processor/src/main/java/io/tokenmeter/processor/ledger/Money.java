/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import io.tokenmeter.pricing.CostCalculator;
import java.math.BigDecimal;

/**
 * Money in the ledger: whole pico-dollars (1e-12 USD) in a {@code long}, so sums are exact integer
 * sums in Java and in SQL. Catalog prices (USD per 1M tokens, up to six decimals) are whole
 * pico-dollars per token; costs that spans carry are rounded half-even to the pico-dollar once, on
 * entry. A {@code long} holds up to about 9.2 million USD per row.
 */
public final class Money {
  public static final int SCALE = 12;

  private Money() {}

  /**
   * Returns {@code usd} in whole pico-dollars, rounded half-even ({@link CostCalculator#toPico}).
   */
  public static long toPico(BigDecimal usd) {
    return CostCalculator.toPico(usd);
  }

  public static BigDecimal fromPico(long pico) {
    return BigDecimal.valueOf(pico, SCALE);
  }

  /** Returns {@code usd} without trailing zeros or exponent ("0.0000015", "12.5", "0"). */
  public static String plain(BigDecimal usd) {
    return usd.signum() == 0 ? "0" : usd.stripTrailingZeros().toPlainString();
  }

  /** Converts a SQL numeric result (long from SQLite, BigDecimal from PostgreSQL's SUM). */
  static BigDecimal usd(Object sqlPico) {
    if (sqlPico == null) {
      return BigDecimal.ZERO;
    }
    return new BigDecimal(sqlPico.toString()).movePointLeft(SCALE);
  }
}
