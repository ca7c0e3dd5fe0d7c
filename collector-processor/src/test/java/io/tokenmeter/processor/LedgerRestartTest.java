/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The processor restarted and killed for real, in child JVMs, on one ledger file. */
class LedgerRestartTest {
  private static final long FLUSH_MILLIS = 200;

  @TempDir Path dir;

  private Path config(String extraBudgets) throws Exception {
    Path yaml = dir.resolve("tokenmeter.yaml");
    Files.writeString(
        yaml,
        """
        server:
          bind_address: 127.0.0.1
          otlp_http_port: 0
          otlp_grpc_port: 0
          metrics_port: 0
          shutdown_timeout_seconds: 2
        ledger:
          path: %s
          flush_interval_millis: %d
        budgets_reload_interval_seconds: 1
        budgets:
          - {name: team-monthly, scope: global, period: month, limit_usd: 1000}
          - {name: user-monthly, scope: user, subject: '*', period: month, limit_usd: 100}
        %s
        """
            .formatted(dir.resolve("ledger.db"), FLUSH_MILLIS, extraBudgets));
    return yaml;
  }

  private static byte[] spans(String user, double usd, int n) {
    List<io.opentelemetry.proto.trace.v1.Span> spans = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      spans.add(BudgetApiTest.call(user, "s-" + user, usd));
    }
    return Otlp.request("chat", spans).toByteArray();
  }

  static BigDecimal spent(ChildProcessor p, String budget, String subject) throws Exception {
    JsonNode body = JsonBodies.parse(p.get("/api/v1/budgets"));
    for (JsonNode e : body.get("budgets")) {
      JsonNode b = e;
      if (b.get("name").asText().equals(budget) && b.get("subject").asText().equals(subject)) {
        return b.get("spent_usd").decimalValue();
      }
    }
    return null;
  }

  @Test
  @Timeout(90)
  void aRestartedProcessorResumesThePeriodsSpendAndReloadsBudgetsWithoutLosingIt()
      throws Exception {
    Path yaml = config("");
    try (ChildProcessor first = ChildProcessor.start(yaml, dir.resolve("first.log"))) {
      assertThat(first.post(spans("alice", 1.5, 10))).isEqualTo(200);
      assertThat(first.post(spans("bob", 0.25, 4))).isEqualTo(200);
      assertThat(spent(first, "team-monthly", "all")).isEqualByComparingTo("16");
      first.stop(); // SIGTERM: the final flush writes what is left
    }
    try (ChildProcessor second = ChildProcessor.start(yaml, dir.resolve("second.log"))) {
      assertThat(spent(second, "team-monthly", "all")).isEqualByComparingTo("16");
      assertThat(spent(second, "user-monthly", "alice")).isEqualByComparingTo("15");
      assertThat(
              new Scrape(second.get("/metrics"))
                  .value(
                      "tokenmeter_budget_spent_usd",
                      "budget",
                      "user-monthly",
                      "scope",
                      "user",
                      "subject",
                      "alice",
                      "period",
                      "month"))
          .isEqualByComparingTo("15");
      assertThat(second.post(spans("alice", 2, 1))).isEqualTo(200);
      assertThat(spent(second, "user-monthly", "alice")).isEqualByComparingTo("17");

      // A broken file is refused and the running budgets stay.
      Files.writeString(yaml, Files.readString(yaml).replace("limit_usd: 100}", "limit_usd: -5}"));
      awaitLog(second, "config reload failed");
      assertThat(spent(second, "user-monthly", "alice")).isEqualByComparingTo("17");

      // A valid change applies (file watch); spend of budgets that stay is kept.
      Files.writeString(
          yaml,
          Files.readString(
                  config(
                      "  - {name: alice-daily, scope: user, subject: alice,"
                          + " period: day, limit_usd: 20}"))
              .replace("limit_usd: 100}", "limit_usd: 50}"));
      awaitLog(second, "budgets reloaded");
      JsonNode alice = budget(second, "user-monthly", "alice");
      assertThat(alice.get("spent_usd").decimalValue()).isEqualByComparingTo("17");
      assertThat(alice.get("limit_usd").decimalValue()).isEqualByComparingTo("50");
      // The added budget starts from today's rollups: all of alice's 17 USD were spent today.
      assertThat(spent(second, "alice-daily", "alice")).isEqualByComparingTo("17");

      // SIGHUP reloads too.
      Files.writeString(yaml, Files.readString(yaml).replace("limit_usd: 20}", "limit_usd: 25}"));
      new ProcessBuilder("kill", "-HUP", Long.toString(second.process.pid())).start().waitFor();
      long deadline = System.currentTimeMillis() + 10_000;
      while (!budget(second, "alice-daily", "alice").get("limit_usd").asText().equals("25")
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(budget(second, "alice-daily", "alice").get("limit_usd").asText()).isEqualTo("25");
      second.stop();
    }
  }

  @Test
  @Timeout(90)
  void killDashNineLosesAtMostTheFlushIntervalAndLeavesAReadableLedger() throws Exception {
    Path yaml = config("");
    List<Long> ackedAt = new ArrayList<>();
    long killedAt;
    try (ChildProcessor child = ChildProcessor.start(yaml, dir.resolve("killed.log"))) {
      AtomicBoolean stop = new AtomicBoolean();
      byte[] oneDollar = spans("carol", 1, 1);
      Thread sender =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    if (child.post(oneDollar) == 200) {
                      synchronized (ackedAt) {
                        ackedAt.add(System.nanoTime());
                      }
                    }
                  } catch (Exception e) {
                    return; // the process is gone
                  }
                }
              });
      sender.start();
      Thread.sleep(2_500);
      killedAt = System.nanoTime();
      child.kill();
      stop.set(true);
      sender.join(10_000);
    }
    long slackNanos = 300_000_000L; // a flush's own duration and scheduling jitter
    long mustHave;
    synchronized (ackedAt) {
      mustHave =
          ackedAt.stream()
              .filter(t -> t < killedAt - FLUSH_MILLIS * 1_000_000L - slackNanos)
              .count();
    }
    assertThat(mustHave).isGreaterThan(50);
    long stored;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
        Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("PRAGMA integrity_check");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
      rs = s.executeQuery("SELECT SUM(requests) FROM tokenmeter_usage_daily");
      rs.next();
      stored = rs.getLong(1);
      rs =
          s.executeQuery(
              "SELECT spent_picousd FROM tokenmeter_budget_spend WHERE budget = 'user-monthly'");
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(stored * 1_000_000_000_000L); // one transaction
    }
    assertThat(stored).isBetween(mustHave, (long) ackedAt.size());

    try (ChildProcessor again = ChildProcessor.start(yaml, dir.resolve("again.log"))) {
      assertThat(spent(again, "user-monthly", "carol"))
          .isEqualByComparingTo(BigDecimal.valueOf(stored));
      again.stop();
    }
  }

  private static JsonNode budget(ChildProcessor p, String name, String subject) throws Exception {
    JsonNode body = JsonBodies.parse(p.get("/api/v1/budgets"));
    for (JsonNode e : body.get("budgets")) {
      JsonNode b = e;
      if (b.get("name").asText().equals(name) && b.get("subject").asText().equals(subject)) {
        return b;
      }
    }
    throw new AssertionError("no budget " + name + "/" + subject + " in " + body);
  }

  private static void awaitLog(ChildProcessor p, String text) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      String log = Files.readString(p.log);
      if (log.contains(text)) {
        Files.writeString(p.log, ""); // the next wait sees only new lines
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("log never said '" + text + "':\n" + Files.readString(p.log));
  }
}
