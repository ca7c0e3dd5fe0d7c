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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every PromQL expression of the dashboards (Grafana variables substituted) and of the rules runs
 * on a real, empty Prometheus without error. promtool 2.42 has no offline parser, hence the server.
 */
class PromqlParsesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static LocalServer prometheus;

  @BeforeAll
  static void startPrometheus() throws IOException {
    Path binary = Tools.require("prometheus", "prometheus");
    Path config =
        Files.createDirectories(Tools.moduleDir().resolve("target")).resolve("promql-check.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1h\n");
    prometheus =
        LocalServer.start(
            binary,
            "promql-check",
            "/-/ready",
            List.of(
                "--config.file=" + config,
                "--storage.tsdb.path={dir}/data",
                "--web.listen-address=127.0.0.1:{port}"));
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void everyDashboardQueryRuns() throws IOException {
    Map<String, String> queries = new LinkedHashMap<>();
    for (Dashboards.DashboardQuery q : Dashboards.allQueries()) {
      queries.put(q.where(), Promql.substituteGrafana(Promql.variableQuery(q.expr())));
    }
    assertThat(queries).hasSizeGreaterThan(50);
    assertThat(failures(queries)).isEmpty();
  }

  @Test
  void everyRuleExpressionRuns() throws IOException {
    Map<String, String> queries = new LinkedHashMap<>();
    for (RuleFiles.Rule rule : RuleFiles.allRules()) {
      queries.put(rule.name(), rule.expr());
    }
    assertThat(failures(queries)).isEmpty();
  }

  @Test
  void aBrokenQueryIsReported() throws IOException {
    assertThat(failures(Map.of("broken", "sum by (model (rate(x[1m]))"))).hasSize(1);
  }

  private static List<String> failures(Map<String, String> queries) throws IOException {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> q : queries.entrySet()) {
      HttpResponse<String> response =
          prometheus.get(
              "/api/v1/query?query=" + URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
      JsonNode body = MAPPER.readTree(response.body());
      if (response.statusCode() != 200 || !body.path("status").asText().equals("success")) {
        failures.add(
            q.getKey()
                + ": "
                + body.path("error").asText(response.body())
                + "\n    "
                + q.getValue());
      }
    }
    return failures;
  }
}
