/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.budget;

import io.tokenmeter.processor.config.BudgetDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One budget subject in its current period: limit, period-to-date spend and what follows from them.
 */
public record BudgetStatus(
    BudgetDefinition budget,
    String subject,
    ZonedDateTime periodStart,
    ZonedDateTime periodEnd,
    BigDecimal spentUsd,
    double elapsedRatio) {

  public BigDecimal limitUsd() {
    return budget.limitUsd();
  }

  /** Returns what is left of the limit, never below zero. */
  public BigDecimal remainingUsd() {
    BigDecimal r = budget.limitUsd().subtract(spentUsd);
    return r.signum() < 0 ? BigDecimal.ZERO : r;
  }

  /** Returns the spend at the period end if it goes on at the rate of the period so far. */
  public BigDecimal forecastUsd() {
    if (elapsedRatio <= 0) {
      return spentUsd;
    }
    return spentUsd.divide(BigDecimal.valueOf(elapsedRatio), 6, RoundingMode.HALF_UP);
  }

  /** Returns the state of the budget at this spend: past the limit, a warning ratio, or ok. */
  public BudgetState state() {
    BigDecimal limit = budget.limitUsd();
    List<BigDecimal> ratios = budget.warningRatios();
    if (spentUsd.compareTo(limit) >= 0) {
      return BudgetState.EXCEEDED;
    }
    if (ratios.size() > 1 && spentUsd.compareTo(limit.multiply(ratios.get(1))) >= 0) {
      return BudgetState.CRITICAL;
    }
    if (spentUsd.compareTo(limit.multiply(ratios.get(0))) >= 0) {
      return BudgetState.WARNING;
    }
    return BudgetState.OK;
  }

  public boolean exceeded() {
    return state() == BudgetState.EXCEEDED;
  }
}
