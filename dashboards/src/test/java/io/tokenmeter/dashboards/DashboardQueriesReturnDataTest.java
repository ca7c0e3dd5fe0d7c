/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every dashboard query and variable query returns data from a real Prometheus that holds two hours
 * of synthetic processor metrics (backfilled with promtool) and evaluates the shipped rules. This
 * proves the queries' joins and label matching; the end-to-end test in integration-tests proves the
 * same against a live pipeline.
 */
class DashboardQueriesReturnDataTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static LocalServer prometheus;

  @BeforeAll
  static void start() throws IOException {
    Path promtool = Tools.require("promtool", "prometheus");
    Path binary = Tools.require("prometheus", "prometheus");
    Path dir =
        Files.createDirectories(Tools.moduleDir().resolve("target/synthetic-" + System.nanoTime()));
    long end = System.currentTimeMillis() / 1000 - 20;
    Files.writeString(dir.resolve("metrics.om"), SyntheticMetrics.openMetrics(end));
    Tools.Result backfill =
        Tools.run(
            dir,
            List.of(
                promtool.toString(),
                "tsdb",
                "create-blocks-from",
                "openmetrics",
                "metrics.om",
                "data"));
    assertThat(backfill.ok()).as(backfill.output()).isTrue();
    Files.writeString(
        dir.resolve("prometheus.yml"),
        "global:\n  evaluation_interval: 1s\nrule_files:\n  - "
            + RuleFiles.RECORDING
            + "\n  - "
            + RuleFiles.ALERTS
            + "\n");
    prometheus =
        LocalServer.start(
            binary,
            "synthetic-prometheus",
            "/-/ready",
            List.of(
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:{port}"));
    awaitData("ALERTS{alertname=\"LLMBudgetExceeded\"}");
    awaitData("budget_scope_subject_period:tokenmeter_budget_spent_usd:forecast_linear");
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void everyPanelAndVariableQueryReturnsData() throws IOException {
    List<String> empty = new ArrayList<>();
    List<Dashboards.DashboardQuery> queries = Dashboards.allQueries();
    for (Dashboards.DashboardQuery q : queries) {
      String expr = Promql.substituteGrafana(Promql.variableQuery(q.expr()));
      JsonNode result = query(expr);
      if (!result.path("status").asText().equals("success")
          || result.path("data").path("result").isEmpty()) {
        empty.add(q.where() + ": " + result.path("error").asText("no data") + "\n    " + expr);
      }
    }
    assertThat(queries).hasSizeGreaterThan(50);
    assertThat(empty).isEmpty();
  }

  private static void awaitData(String expr) throws IOException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (!query(expr).path("data").path("result").isEmpty()) {
        return;
      }
      LocalServer.sleep(250);
    }
    throw new AssertionError(
        "no data for " + expr + " within 60 s; log: " + Files.readString(prometheus.log));
  }

  private static JsonNode query(String expr) throws IOException {
    return MAPPER.readTree(
        prometheus
            .get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))
            .body());
  }
}
