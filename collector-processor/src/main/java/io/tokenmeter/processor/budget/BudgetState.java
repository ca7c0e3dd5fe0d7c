/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.budget;

import java.util.Locale;

/** Where a budget subject stands against its limit and warning ratios. */
public enum BudgetState {
  OK,
  WARNING,
  CRITICAL,
  EXCEEDED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
