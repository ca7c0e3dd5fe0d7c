/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.budget;

import io.tokenmeter.processor.config.BudgetDefinition;
import io.tokenmeter.processor.config.BudgetScope;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.ledger.LedgerDatabase;
import io.tokenmeter.processor.ledger.Money;
import io.tokenmeter.processor.ledger.SpendKey;
import io.tokenmeter.processor.ledger.UsageDelta;
import io.tokenmeter.processor.ledger.UsageKey;
import io.tokenmeter.processor.ledger.UsageQuery;
import io.tokenmeter.processor.usage.UsageAccumulator;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes what the {@link BudgetTracker} (budget spend) and the {@link UsageAccumulator} (daily
 * usage rollups) gathered to the ledger database, both in one transaction per flush interval, off
 * the ingest path; prunes old rollups hourly. A failed flush keeps its deltas for the next one.
 * With no database (ledger disabled) deltas are dropped and budgets count from zero at every start.
 */
public final class BudgetLedger implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(BudgetLedger.class.getName());
  private static final long PRUNE_EVERY_MILLIS = Duration.ofHours(1).toMillis();

  private final LedgerDatabase db;
  private final BudgetTracker tracker;
  private final UsageAccumulator usage;
  private final ProcessorConfig.Ledger config;
  private final Clock clock;
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ledger-flush");
            t.setDaemon(true);
            return t;
          });
  private long lastPrune;
  private boolean failing;

  /** {@code db} may be null (ledger disabled). */
  public BudgetLedger(
      LedgerDatabase db,
      BudgetTracker tracker,
      UsageAccumulator usage,
      ProcessorConfig.Ledger config,
      Clock clock) {
    this.db = db;
    this.tracker = tracker;
    this.usage = usage;
    this.config = config;
    this.clock = clock;
  }

  /** Returns the database, or null when the ledger is disabled. */
  public LedgerDatabase database() {
    return db;
  }

  /** Loads the current periods' spend; call before ingestion starts. */
  public synchronized void loadSpend() throws SQLException {
    if (db != null) {
      Map<SpendKey, Long> stored = db.spendSince(tracker.oldestCurrentStart());
      tracker.load(stored);
      backfill(tracker.config().definitions(), stored);
    }
  }

  /**
   * Charges budgets that have no stored spend for their current period (added while the processor
   * was down, or by a reload) with what the daily rollups hold for that period so far. Rollups and
   * spend are written in the same transactions, so for a budget that existed all along both agree.
   */
  private void backfill(List<BudgetDefinition> defs, Map<SpendKey, Long> stored)
      throws SQLException {
    LocalDate today = clock.instant().atZone(tracker.config().timeZone()).toLocalDate();
    for (BudgetDefinition b : defs) {
      LocalDate start = b.period().start(today);
      boolean hasRows =
          stored.keySet().stream()
              .anyMatch(
                  k ->
                      k.budget().equals(b.name())
                          && k.period().equals(b.period().label())
                          && k.periodStart().equals(start));
      if (hasRows) {
        continue;
      }
      if (b.scope().isDimension()) {
        // The daily rollups have no dimension column: a dimension budget added mid-period (by a
        // reload, or while the processor was down) starts from its own spend rows only, i.e.
        // from zero for the part of the period before it was added.
        continue;
      }
      boolean global = BudgetScope.GLOBAL.equals(b.scope());
      Map<String, Long> bySubject = new HashMap<>();
      db.usage(
          new UsageQuery(start, today, global ? List.of() : List.of(b.scope().label())),
          row -> {
            String subject = b.match(global ? BudgetScope.GLOBAL_SUBJECT : row.keys().get(0));
            if (subject != null && row.costUsd().signum() != 0) {
              bySubject.merge(subject, Money.toPico(row.costUsd()), Long::sum);
            }
          });
      tracker.backfill(b, start, bySubject);
      if (!bySubject.isEmpty()) {
        LOG.info(
            "budget '"
                + b.name()
                + "' starts from the rollups of "
                + start
                + ".."
                + today
                + ": "
                + bySubject.size()
                + " subjects");
      }
    }
  }

  public void start() {
    long every = config.flushInterval().toMillis();
    flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** Flushes on the flusher thread as soon as it is free, without waiting for the interval. */
  public void flushSoon() {
    try {
      flusher.execute(this::flushQuietly);
    } catch (RejectedExecutionException e) {
      // closing: close() writes what is left
    }
  }

  /** Activates new budgets, first loading the stored spend of budgets that were not active. */
  public synchronized void reconfigure(ProcessorConfig.Budgets next) throws SQLException {
    Set<String> before = new HashSet<>();
    tracker.config().definitions().forEach(b -> before.add(b.name()));
    if (db != null && !next.timeZone().equals(tracker.config().timeZone())) {
      LOG.warning("budgets_time_zone changed: periods from now on are in " + next.timeZone());
    }
    ProcessorConfig.Budgets previous = tracker.config();
    tracker.reconfigure(
        new ProcessorConfig.Budgets(
            previous.definitions(),
            next.timeZone(),
            next.maxSubjects(),
            next.reloadInterval(),
            previous.dimensions()));
    if (db != null) {
      flush(); // so the rollups a new budget starts from are current
      Map<SpendKey, Long> stored = db.spendSince(tracker.oldestCurrentStart());
      stored.keySet().removeIf(k -> before.contains(k.budget()));
      tracker.load(stored);
      backfill(
          next.definitions().stream().filter(b -> !before.contains(b.name())).toList(), stored);
    }
    tracker.reconfigure(next);
  }

  private void flushQuietly() {
    try {
      flush();
      if (failing) {
        LOG.info("ledger writes work again");
        failing = false;
      }
    } catch (SQLException | RuntimeException e) {
      if (!failing) {
        LOG.log(Level.WARNING, "ledger flush failed; keeping the deltas for the next try", e);
        failing = true;
      }
    }
  }

  /** Writes every delta gathered so far in one transaction. */
  public synchronized void flush() throws SQLException {
    Map<UsageKey, UsageDelta> rollups = usage.drain();
    Map<SpendKey, Long> spend = tracker.drainSpend();
    if (db == null) {
      return;
    }
    if (!rollups.isEmpty() || !spend.isEmpty()) {
      try {
        db.write(rollups, spend);
      } catch (SQLException | RuntimeException e) {
        usage.restore(rollups);
        tracker.restoreSpend(spend);
        throw e;
      }
    }
    tracker.forgetPastPeriods();
    long now = clock.millis();
    if (now - lastPrune >= PRUNE_EVERY_MILLIS) {
      lastPrune = now;
      prune();
    }
  }

  /** Deletes rollup days older than the retention. */
  public synchronized int prune() throws SQLException {
    LocalDate today = clock.instant().atZone(tracker.config().timeZone()).toLocalDate();
    int n = db == null ? 0 : db.pruneUsageBefore(today.minusDays(config.retentionDays()));
    if (n > 0) {
      LOG.info("pruned " + n + " rollup rows older than " + config.retentionDays() + " days");
    }
    return n;
  }

  /** Stops the flusher, writes what is left and closes the database. */
  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(10, TimeUnit.SECONDS);
      flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "final ledger flush failed", e);
    }
    if (db != null) {
      try {
        db.close();
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "closing the ledger failed", e);
      }
    }
  }
}
