/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import java.math.BigDecimal;
import java.util.List;

/**
 * One configured budget. {@code subject} is a value of the scope, or {@value #EVERY_SUBJECT} for
 * each value separately; a global budget has the single subject {@link BudgetScope#GLOBAL_SUBJECT}.
 * {@code warningRatios} has one or two ascending ratios in (0, 1): the first marks {@code warning},
 * the second {@code critical}.
 */
public record BudgetDefinition(
    String name,
    BudgetScope scope,
    String subject,
    BudgetPeriod period,
    BigDecimal limitUsd,
    List<BigDecimal> warningRatios) {

  public static final String EVERY_SUBJECT = "*";

  public BudgetDefinition {
    warningRatios = List.copyOf(warningRatios);
  }

  public boolean everySubject() {
    return EVERY_SUBJECT.equals(subject);
  }

  /** Returns {@code value} when a call with that scope value is charged to this budget, or null. */
  public String match(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (BudgetScope.GLOBAL.equals(scope) || everySubject()) {
      return value;
    }
    return subject.equals(value) ? value : null;
  }
}
