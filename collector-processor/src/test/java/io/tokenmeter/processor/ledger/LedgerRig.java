/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import static io.tokenmeter.processor.budget.Calls.chargingAndRollingUp;

import io.tokenmeter.processor.budget.BudgetLedger;
import io.tokenmeter.processor.budget.BudgetTracker;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.price.PricedCallListener;
import io.tokenmeter.processor.usage.UsageAccumulator;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Budgets and daily usage rollups flushed to one ledger database, wired as the processor wires
 * them: {@code calls} charges the tracker and adds to the rollups, {@code ledger} writes both.
 */
public record LedgerRig(BudgetTracker tracker, PricedCallListener calls, BudgetLedger ledger)
    implements AutoCloseable {

  /** Opens the database of {@code conf}. */
  public static LedgerRig open(
      ProcessorConfig.Budgets budgets,
      ProcessorConfig.Ledger conf,
      UsageAccumulator usage,
      Clock clock)
      throws SQLException {
    return open(budgets, LedgerDatabase.open(conf.url()), conf, usage, clock);
  }

  public static LedgerRig open(
      ProcessorConfig.Budgets budgets,
      LedgerDatabase db,
      ProcessorConfig.Ledger conf,
      UsageAccumulator usage,
      Clock clock) {
    BudgetTracker tracker = new BudgetTracker(budgets, clock);
    return new LedgerRig(
        tracker,
        chargingAndRollingUp(tracker, usage, clock),
        new BudgetLedger(db, tracker, usage, conf, clock));
  }

  @Override
  public void close() {
    ledger.close();
  }
}
