/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.report;

import static io.tokenmeter.processor.budget.Calls.call;
import static io.tokenmeter.processor.budget.Calls.chargingAndRollingUp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenmeter.processor.JsonBodies;
import io.tokenmeter.processor.budget.BudgetLedger;
import io.tokenmeter.processor.budget.BudgetTracker;
import io.tokenmeter.processor.budget.MutableClock;
import io.tokenmeter.processor.config.BudgetConfigParser;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.ledger.LedgerDatabase;
import io.tokenmeter.processor.price.PricedCallListener;
import io.tokenmeter.processor.usage.UsageAccumulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path dir;
  private Path ledger;
  private final MutableClock clock = MutableClock.at("2026-11-03T09:00:00Z");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void fillLedger() throws Exception {
    ledger = dir.resolve("ledger.db");
    UsageAccumulator usage = new UsageAccumulator();
    ProcessorConfig.Budgets budgets =
        new ProcessorConfig.Budgets(
            BudgetConfigParser.parse(""), ZoneId.of("Europe/Berlin"), 2000, Duration.ZERO);
    BudgetTracker tracker = new BudgetTracker(budgets, clock);
    PricedCallListener trackerCalls = chargingAndRollingUp(tracker, usage, clock);
    ProcessorConfig.Ledger conf =
        new ProcessorConfig.Ledger(true, ledger, "", Duration.ofSeconds(1), 400);
    try (BudgetLedger l =
        new BudgetLedger(LedgerDatabase.open(conf.url()), tracker, usage, conf, clock)) {
      trackerCalls.onPricedCall(call("chat", "alice", "s1", "1.5"));
      trackerCalls.onPricedCall(call("chat", "bob", "s2", "0.25"));
      clock.set("2026-11-30T23:30:00Z"); // already 1 December in Berlin
      trackerCalls.onPricedCall(call("chat", "alice", "s3", "2"));
      clock.set("2026-11-30T12:00:00Z");
      trackerCalls.onPricedCall(call("search", "alice", "s4", "0.000001"));
    }
  }

  private int run(String... args) {
    return ReportCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(),
        clock);
  }

  @Test
  void printsCsvGroupedByUserForNovemberInTheConfiguredZone() throws Exception {
    Path yaml = dir.resolve("tokenmeter.yaml");
    Files.writeString(yaml, "budgets_time_zone: Europe/Berlin\nledger:\n  path: " + ledger + "\n");
    int code =
        run(
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--group-by",
            "user",
            "--format",
            "csv",
            "--config",
            yaml.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "user,requests,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens,"
                + "reasoning_tokens,total_tokens,cost_usd\r\n"
                + "alice,2,180,20,0,30,10,240,1.500001\r\n"
                + "bob,1,90,10,0,15,5,120,0.25\r\n");
  }

  @Test
  void jsonAndCsvCarryTheSameRows() throws Exception {
    assertThat(
            run(
                "--from=2026-11-01",
                "--to=2026-12-31",
                "--group-by=day,user",
                "--ledger",
                ledger.toString(),
                "--time-zone",
                "Europe/Berlin"))
        .isZero();
    String csv = out.toString(StandardCharsets.UTF_8);
    out.reset();
    assertThat(
            run(
                "--from=2026-11-01",
                "--to=2026-12-31",
                "--group-by=day,user",
                "--format=json",
                "--ledger",
                ledger.toString(),
                "--time-zone",
                "Europe/Berlin"))
        .isZero();
    JsonNode json = JsonBodies.parse(out.toString(StandardCharsets.UTF_8));
    JsonNode rows = json.get("rows");
    List<String> fromJson = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode r = rows.get(i);
      fromJson.add(
          String.join(
              ",",
              r.get("day").asText(),
              r.get("user").asText(),
              r.get("requests").asText(),
              r.get("input_tokens").asText(),
              r.get("cache_read_tokens").asText(),
              r.get("cache_write_tokens").asText(),
              r.get("output_tokens").asText(),
              r.get("reasoning_tokens").asText(),
              r.get("total_tokens").asText(),
              r.get("cost_usd").asText()));
    }
    List<String> lines = List.of(csv.split("\r\n"));
    assertThat(lines.get(0)).startsWith("day,user,requests,");
    assertThat(lines.subList(1, lines.size())).isEqualTo(fromJson);
    assertThat(fromJson).contains("2026-12-01,alice,1,90,10,0,15,5,120,2");
    assertThat(json.get("totals").get("cost_usd").asText()).isEqualTo("3.750001");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("report: reading 2026-11-01 .. 2026-12-31")
        .contains("report: done, 4 rows");
  }

  @Test
  void badArgumentsExitWith2AndSayWhy() {
    assertThat(run("--from", "2026-11-31", "--ledger", ledger.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--from must be YYYY-MM-DD, got '2026-11-31'");
    assertThat(run("--group-by", "team", "--ledger", ledger.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("group_by must be a comma-separated list of");
    assertThat(run("--format", "xml", "--ledger", ledger.toString())).isEqualTo(2);
    assertThat(run("--ledger", dir.resolve("missing.db").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("ledger file not found");
    assertThat(run("--from")).isEqualTo(2);
    assertThat(err.toString()).contains("--from needs a value");
    assertThat(run("--frm", "2026-11-01")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown argument '--frm'");
    assertThat(run("--from", "2026-11-05", "--to", "2026-11-01", "--ledger", ledger.toString()))
        .isEqualTo(2);
    assertThat(out.size()).isZero();
  }

  @Test
  void helpDescribesEveryOption() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--from", "--to", "--group-by", "--format", "--config", "--ledger", "--time-zone");
  }

  @Test
  void theJarEntryPointExitsWith2OnBadArguments() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "io.tokenmeter.processor.Main",
                "report",
                "--from",
                "yesterday")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(output).contains("--from must be YYYY-MM-DD, got 'yesterday'");
  }
}
