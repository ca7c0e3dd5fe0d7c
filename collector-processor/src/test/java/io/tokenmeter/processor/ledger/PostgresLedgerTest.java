/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import static io.tokenmeter.processor.budget.Calls.call;
import static io.tokenmeter.processor.budget.Calls.chargingAndRollingUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tokenmeter.processor.budget.BudgetLedger;
import io.tokenmeter.processor.budget.BudgetStatus;
import io.tokenmeter.processor.budget.BudgetTracker;
import io.tokenmeter.processor.budget.MutableClock;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.price.PricedCallListener;
import io.tokenmeter.processor.usage.UsageAccumulator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same ledger on PostgreSQL: two processors (replicas) write one database concurrently and the
 * totals stay exact. Skips, loudly, when PostgreSQL is not installed, except in CI (CI=true), where
 * that is a failure: .ci/run installs it.
 */
class PostgresLedgerTest {
  private static final String BUDGETS =
      """
      - {name: g, scope: global, period: month, limit_usd: 1000000}
      - {name: u, scope: user, subject: '*', period: month, limit_usd: 1000}
      """;
  private static PostgresCluster cluster;

  @BeforeAll
  static void startPostgres() throws Exception {
    Path bin = PostgresCluster.findBin();
    if (bin == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(
            "PostgreSQL is not installed but CI=true: .ci/run must install it (apt-get install"
                + " postgresql)");
      }
      System.err.println(
          "WARNING: PostgresLedgerTest SKIPPED: PostgreSQL (initdb, pg_ctl) is not installed;"
              + " apt-get install postgresql to run it");
    }
    assumeTrue(bin != null, "PostgreSQL is not installed");
    cluster = PostgresCluster.start(bin);
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Timeout(120)
  void twoReplicasWritingOneDatabaseKeepExactTotals() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-20T10:00:00Z");
    ProcessorConfig.Ledger conf =
        new ProcessorConfig.Ledger(
            true, Path.of("unused"), cluster.jdbcUrl(), Duration.ofMillis(20), 400);
    String[] costs = {"0.000123456789", "1.25", "0.000000000001"};
    int perReplica = 6_000;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> runs = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      UsageAccumulator usage = new UsageAccumulator();
      BudgetTracker tracker = new BudgetTracker(LedgerAccountingTest.budgets(BUDGETS), clock);
      PricedCallListener trackerCalls = chargingAndRollingUp(tracker, usage, clock);
      BudgetLedger ledger =
          new BudgetLedger(LedgerDatabase.open(conf.url()), tracker, usage, conf, clock);
      ledger.start();
      List<Future<?>> senders = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        senders.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perReplica / 2; i++) {
                    trackerCalls.onPricedCall(
                        call("svc", "user-" + (i % 20), "s-" + (i % 40), costs[i % costs.length]));
                  }
                }));
      }
      runs.add(
          pool.submit(
              () -> {
                for (Future<?> f : senders) {
                  f.get();
                }
                ledger.close();
                return null;
              }));
    }
    for (Future<?> f : runs) {
      f.get();
    }
    pool.shutdown();

    BigDecimal perCycle = BigDecimal.ZERO;
    for (String c : costs) {
      perCycle = perCycle.add(new BigDecimal(c));
    }
    BigDecimal expected = perCycle.multiply(BigDecimal.valueOf(2L * perReplica / costs.length));
    try (LedgerDatabase db = LedgerDatabase.open(conf.url())) {
      List<UsageRow> rows = new ArrayList<>();
      db.usage(
          new UsageQuery(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), List.of()),
          rows::add);
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).requests()).isEqualTo(2L * perReplica);
      assertThat(rows.get(0).costUsd()).isEqualByComparingTo(expected);
      List<UsageRow> byUser = new ArrayList<>();
      db.usage(
          new UsageQuery(
              LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-20"), List.of("user", "day")),
          byUser::add);
      assertThat(byUser).hasSize(20);
      assertThat(byUser.get(0).keys()).containsExactly("user-0", "2026-11-20");
      assertThat(db.topSessions(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), 3))
          .hasSize(3)
          .allSatisfy(s -> assertThat(s.requests()).isEqualTo(2L * perReplica / 40));

      UsageAccumulator usage = new UsageAccumulator();
      BudgetTracker restarted = new BudgetTracker(LedgerAccountingTest.budgets(BUDGETS), clock);
      PricedCallListener restartedCalls = chargingAndRollingUp(restarted, usage, clock);
      try (BudgetLedger again = new BudgetLedger(db, restarted, usage, conf, clock)) {
        again.loadSpend();
        BudgetStatus g = restarted.statuses().get(0);
        assertThat(g.spentUsd()).isEqualByComparingTo(expected);
        clock.set("2027-12-26T00:00:00Z"); // 2026-11-20 is now 401 days back
        assertThat(again.prune()).isEqualTo(40); // one row per (user, session) pair
      }
    }
  }
}
