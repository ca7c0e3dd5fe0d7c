/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.PicoCost;
import java.math.BigDecimal;

/**
 * Converts the USD amounts spans carry to whole pico-dollars, once, as the ledger stores them: the
 * decimal a double stands for (its shortest form, what {@link Double#toString} prints) rounded
 * half-even. Amounts that are negative, not finite, beyond a {@code long} of pico-dollars (about
 * 9.2 million USD) or absurdly precise (over 40 digits or 30 decimals) are invalid: -1.
 */
final class PicoUsd {
  /** Widest gap from a whole number at which {@code usd × 1e12} may be rounded directly. */
  private static final double SAFE_FRACTION = 0.25;

  private PicoUsd() {}

  static long of(double usd) {
    if (!(usd >= 0) || usd == Double.POSITIVE_INFINITY) {
      return -1; // NaN too
    }
    if (usd == 0) {
      return 0;
    }
    // Between 1e-12 and 1000 USD the product is within 0.12 of the shortest decimal times 1e12
    // (two half-ulp errors), so a product within 0.25 of a whole number rounds like that decimal.
    // Amounts with at most 12 decimals, all that pricing produces, always take this path.
    if (usd >= 1e-12 && usd < 1e3) {
      double scaled = usd * PicoCost.PICOS_PER_USD;
      double whole = Math.rint(scaled);
      if (Math.abs(scaled - whole) <= SAFE_FRACTION) {
        return (long) whole;
      }
    }
    return exact(BigDecimal.valueOf(usd));
  }

  static long of(long usd) {
    if (usd < 0) {
      return -1;
    }
    try {
      return Math.multiplyExact(usd, PicoCost.PICOS_PER_USD);
    } catch (ArithmeticException beyondLong) {
      return -1;
    }
  }

  static long parse(String usd) {
    try {
      return exact(new BigDecimal(usd.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long exact(BigDecimal usd) {
    if (usd.signum() < 0 || usd.scale() > 30 || usd.precision() > 40) {
      return -1;
    }
    try {
      return CostCalculator.toPico(usd);
    } catch (ArithmeticException beyondLong) {
      return -1;
    }
  }
}
