/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import static io.tokenmeter.processor.budget.Calls.call;
import static io.tokenmeter.processor.budget.Calls.chargingAndRollingUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenmeter.processor.budget.BudgetLedger;
import io.tokenmeter.processor.budget.BudgetStatus;
import io.tokenmeter.processor.budget.BudgetTracker;
import io.tokenmeter.processor.budget.MutableClock;
import io.tokenmeter.processor.config.BudgetConfigParser;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.price.PricedCallListener;
import io.tokenmeter.processor.usage.UsageAccumulator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LedgerAccountingTest {
  private static final String BUDGETS =
      """
      - {name: g, scope: global, period: month, limit_usd: 1000000}
      - {name: u, scope: user, subject: '*', period: day, limit_usd: 1000}
      """;

  @TempDir Path dir;

  static ProcessorConfig.Ledger ledgerConfig(Path file, long flushMillis, int retentionDays) {
    return new ProcessorConfig.Ledger(
        true, file, "", Duration.ofMillis(flushMillis), retentionDays);
  }

  static ProcessorConfig.Budgets budgets(String yaml) {
    return new ProcessorConfig.Budgets(
        BudgetConfigParser.parse(yaml), ZoneId.of("UTC"), 2000, Duration.ZERO);
  }

  @Test
  @Timeout(60)
  void concurrentIngestionWhileFlushingLeavesExactTotals() throws Exception {
    Path file = dir.resolve("ledger.db");
    MutableClock clock = MutableClock.at("2026-11-20T10:00:00Z");
    UsageAccumulator usage = new UsageAccumulator();
    ProcessorConfig.Ledger conf = ledgerConfig(file, 5, 400);
    LedgerRig rig = LedgerRig.open(budgets(BUDGETS), conf, usage, clock);
    BudgetLedger ledger = rig.ledger();
    ledger.loadSpend();
    ledger.start();
    int threads = 6;
    int perThread = 20_000;
    String[] costs = {"0.000123456789", "0.0000015", "1.25", "0.000000000001"};
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  rig.calls()
                      .onPricedCall(
                          call(
                              "svc-" + (i % 3),
                              "user-" + (i % 50),
                              "s-" + id + "-" + (i % 7),
                              costs[i % costs.length]));
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    ledger.close();

    BigDecimal perCycle = BigDecimal.ZERO;
    for (String c : costs) {
      perCycle = perCycle.add(new BigDecimal(c));
    }
    BigDecimal expected =
        perCycle.multiply(BigDecimal.valueOf((long) threads * perThread / costs.length));
    long requests = (long) threads * perThread;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      ResultSet rs =
          s.executeQuery(
              "SELECT SUM(requests), SUM(cost_picousd), SUM(output_tokens) FROM"
                  + " tokenmeter_usage_daily");
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(requests);
      assertThat(Money.fromPico(rs.getLong(2))).isEqualByComparingTo(expected);
      assertThat(rs.getLong(3)).isEqualTo(requests * 15);
      rs = s.executeQuery("SELECT spent_picousd FROM tokenmeter_budget_spend WHERE budget = 'g'");
      rs.next();
      assertThat(Money.fromPico(rs.getLong(1))).isEqualByComparingTo(expected);
      rs =
          s.executeQuery(
              "SELECT SUM(spent_picousd) FROM tokenmeter_budget_spend WHERE budget = 'u'");
      rs.next();
      assertThat(Money.fromPico(rs.getLong(1))).isEqualByComparingTo(expected);
    }

    // A new tracker on the same file resumes the month's spend exactly.
    UsageAccumulator usage2 = new UsageAccumulator();
    try (LedgerRig again = LedgerRig.open(budgets(BUDGETS), conf, usage2, clock)) {
      again.ledger().loadSpend();
      BudgetStatus g =
          again.tracker().statuses().stream()
              .filter(s -> s.budget().name().equals("g"))
              .findFirst()
              .orElseThrow();
      assertThat(g.spentUsd()).isEqualByComparingTo(expected);
    }
  }

  @Test
  void rollupsOlderThanTheRetentionArePruned() throws Exception {
    Path file = dir.resolve("prune.db");
    MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    UsageAccumulator usage = new UsageAccumulator();
    BudgetTracker tracker = new BudgetTracker(budgets(""), clock);
    PricedCallListener trackerCalls = chargingAndRollingUp(tracker, usage, clock);
    ProcessorConfig.Ledger conf = ledgerConfig(file, 1000, 30);
    try (BudgetLedger ledger =
        new BudgetLedger(LedgerDatabase.open(conf.url()), tracker, usage, conf, clock)) {
      trackerCalls.onPricedCall(call("svc", "old", null, "1"));
      ledger.flush();
      clock.set("2026-01-31T10:00:00Z");
      trackerCalls.onPricedCall(call("svc", "kept", null, "2"));
      ledger.flush();
      assertThat(ledger.prune()).isZero(); // 2026-01-01 is exactly 30 days back: still kept
      clock.set("2026-02-01T10:00:00Z");
      assertThat(ledger.prune()).isEqualTo(1);
      List<String> users = new ArrayList<>();
      ledger
          .database()
          .usage(
              new UsageQuery(
                  LocalDate.parse("2025-01-01"), LocalDate.parse("2027-01-01"), List.of("user")),
              r -> users.add(r.keys().get(0)));
      assertThat(users).containsExactly("kept");
    }
  }

  @Test
  void aFailedFlushKeepsItsDeltasForTheNextOne() throws Exception {
    Path file = dir.resolve("fail.db");
    MutableClock clock = MutableClock.at("2026-11-20T10:00:00Z");
    UsageAccumulator usage = new UsageAccumulator();
    ProcessorConfig.Ledger conf = ledgerConfig(file, 1000, 400);
    LedgerDatabase db = LedgerDatabase.open(conf.url());
    try (LedgerRig rig = LedgerRig.open(budgets(BUDGETS), db, conf, usage, clock)) {
      BudgetLedger ledger = rig.ledger();
      rig.calls().onPricedCall(call("svc", "alice", null, "1.5"));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE tokenmeter_budget_spend"); // the flush's second statement fails
      }
      assertThatThrownBy(ledger::flush).isInstanceOf(SQLException.class);
      LedgerDatabase.open(conf.url()).close(); // recreates the table
      rig.calls().onPricedCall(call("svc", "alice", null, "2"));
      ledger.flush();
      Map<SpendKey, Long> stored = db.spendSince(LocalDate.parse("2026-11-01"));
      assertThat(stored)
          .containsEntry(
              new SpendKey("u", "alice", "day", LocalDate.parse("2026-11-20")),
              Money.toPico(new BigDecimal("3.5")));
      long[] requests = {0};
      db.usage(
          new UsageQuery(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-20"), List.of()),
          r -> requests[0] = r.requests());
      assertThat(requests[0]).isEqualTo(2); // the failed transaction wrote no rollup either
    }
  }
}
