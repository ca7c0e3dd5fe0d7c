/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import static io.tokenmeter.processor.budget.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.processor.Processor;
import io.tokenmeter.processor.budget.BudgetLedger;
import io.tokenmeter.processor.budget.MutableClock;
import io.tokenmeter.processor.config.ConfigLoader;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.metrics.CounterValues;
import io.tokenmeter.processor.price.PricedCall;
import io.tokenmeter.processor.usage.UsageAccumulator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LedgerBacklogTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");

  @TempDir Path dir;

  @Test
  void maxPendingRollupsIsConfiguredUnderTheLedger() {
    assertThat(ProcessorConfig.defaults().ledger().maxPendingRollups()).isEqualTo(100_000);
    assertThat(
            ConfigLoader.fromValues(Map.of("ledger.max_pending_rollups", "5000"))
                .ledger()
                .maxPendingRollups())
        .isEqualTo(5000);
  }

  @Test
  @Timeout(30)
  void aBacklogAtHalfTheBoundIsWrittenWithoutWaitingForTheInterval() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-20T10:00:00Z");
    UsageAccumulator usage = new UsageAccumulator(100, n -> {});
    try (LedgerRig rig = rig(usage, clock, "early.db")) {
      usage.onBacklog(rig.ledger()::flushSoon);
      rig.ledger().start();

      for (int i = 0; i <= 50; i++) {
        rig.calls().onPricedCall(call("svc", "user-" + i, "s-" + i, "0.01"));
      }

      while (requestsStored(rig.ledger().database()) < 50) {
        Thread.sleep(10);
      }
    }
  }

  @Test
  void foldedRollupsKeepTheLedgerTotalsExact() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-20T10:00:00Z");
    LongAdder folded = new LongAdder();
    UsageAccumulator usage = new UsageAccumulator(100, folded::add);
    try (LedgerRig rig = rig(usage, clock, "folded.db")) {
      BudgetLedger ledger = rig.ledger();
      for (int i = 0; i < 1000; i++) {
        rig.calls().onPricedCall(call("svc", "user-" + i, "s-" + i, "0.01"));
      }
      ledger.flush();

      assertThat(requestsStored(ledger.database())).isEqualTo(1000);
      assertThat(costStored(ledger.database())).isEqualTo(Money.toPico(new BigDecimal("10")));
      assertThat(folded.sum()).isEqualTo(900);
      List<TopSession> top = ledger.database().topSessions(DAY, DAY, 1);
      assertThat(top.get(0).session()).isEqualTo(UsageKey.OTHER);
      assertThat(top.get(0).requests()).isEqualTo(900);
    }
  }

  @Test
  @Timeout(60)
  void theProcessorFlushesEarlyAndCountsEveryFoldedCall() throws Exception {
    Path file = dir.resolve("processor.db");
    ProcessorConfig config =
        ConfigLoader.fromValues(
            Map.of(
                "server.bind_address", "127.0.0.1",
                "server.otlp_http_port", "0",
                "server.otlp_grpc_port", "0",
                "server.metrics_port", "0",
                "ledger.path", file.toString(),
                "ledger.flush_interval_millis", "3600000",
                "ledger.max_pending_rollups", "100"));
    Processor processor =
        new Processor(config, PriceCatalog.bundled(), MutableClock.at("2026-11-20T10:00:00Z"));
    long folded;
    LedgerDatabase db = LedgerDatabase.open("jdbc:sqlite:" + file);
    try {
      assertThat(scrapedNames(processor)).contains("tokenmeter_ledger_folded_requests");

      for (int i = 0; i < 10_000; i++) {
        PricedCall c = call("svc", "user-" + i, "s-" + i, "0.01");
        processor.budgets().onPricedCall(c);
        processor.usage().onPricedCall(c);
      }
      while (requestsStored(db) == 0) {
        Thread.sleep(10); // written long before the hour-long flush interval
      }
    } finally {
      processor.close();
      folded = CounterValues.value(processor.metrics(), "tokenmeter_ledger_folded_requests_total");
    }

    assertThat(requestsStored(db)).isEqualTo(10_000);
    assertThat(costStored(db)).isEqualTo(Money.toPico(new BigDecimal("100")));
    long[] other = {0};
    db.usage(
        new UsageQuery(DAY, DAY, List.of("user")),
        r -> other[0] += r.keys().get(0).equals(UsageKey.OTHER) ? r.requests() : 0);
    assertThat(other[0]).isEqualTo(folded);
    db.close();
  }

  private static List<String> scrapedNames(Processor processor) {
    return processor.metrics().registry().scrape().stream()
        .map(m -> m.getMetadata().getPrometheusName())
        .toList();
  }

  private static long requestsStored(LedgerDatabase db) throws Exception {
    long[] requests = {0};
    db.usage(new UsageQuery(DAY, DAY, List.of()), r -> requests[0] = r.requests());
    return requests[0];
  }

  private static long costStored(LedgerDatabase db) throws Exception {
    long[] pico = {0};
    db.usage(new UsageQuery(DAY, DAY, List.of()), r -> pico[0] = Money.toPico(r.costUsd()));
    return pico[0];
  }

  /** No budgets, a ledger file in the test folder flushed only on demand or at the backlog. */
  private LedgerRig rig(UsageAccumulator usage, MutableClock clock, String file) throws Exception {
    return LedgerRig.open(
        LedgerAccountingTest.budgets(""),
        LedgerAccountingTest.ledgerConfig(dir.resolve(file), 3_600_000, 400),
        usage,
        clock);
  }
}
