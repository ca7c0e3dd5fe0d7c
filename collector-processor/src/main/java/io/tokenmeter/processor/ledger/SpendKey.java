/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import java.time.LocalDate;
import java.util.Comparator;

/** Spend of one budget subject in one calendar period ({@code period} is day, week or month). */
public record SpendKey(String budget, String subject, String period, LocalDate periodStart) {
  /** The order of the spend table's primary key. */
  static final Comparator<SpendKey> TABLE_ORDER =
      Comparator.comparing(SpendKey::budget)
          .thenComparing(SpendKey::subject)
          .thenComparing(SpendKey::period)
          .thenComparing(SpendKey::periodStart);
}
