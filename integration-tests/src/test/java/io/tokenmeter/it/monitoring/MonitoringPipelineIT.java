/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenmeter.dashboards.Dashboards;
import io.tokenmeter.dashboards.LocalServer;
import io.tokenmeter.dashboards.Promql;
import io.tokenmeter.dashboards.Tools;
import io.tokenmeter.demo.provider.FakeLlmProvider;
import io.tokenmeter.it.apps.OpenAiApp;
import io.tokenmeter.it.jvm.AgentJvm;
import io.tokenmeter.it.jvm.ChildJvmLogsOnFailure;
import io.tokenmeter.it.jvm.RepoLayout;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.it.processor.ProcessorProcess;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped monitoring on the live pipeline: real agent + extension + SDK calls → processor with
 * a small per-user budget → a real Prometheus running the shipped rules → a real Alertmanager with
 * the shipped routing → the webhook in this test. Then every panel and variable query of every
 * shipped dashboard runs against that Prometheus and must return data.
 */
@ExtendWith(ChildJvmLogsOnFailure.class)
class MonitoringPipelineIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  private static final String BUDGETS =
      """
      budgets:
        - name: user-daily
          scope: user
          subject: "*"
          period: day
          limit_usd: 0.0005
        - name: global-monthly
          scope: global
          subject: "*"
          period: month
          limit_usd: 200
      """;

  private FakeLlmProvider provider;
  private ProcessorProcess processor;
  private AlertWebhook webhook;
  private LocalServer alertmanager;
  private LocalServer prometheus;

  @BeforeEach
  void start() throws Exception {
    Path promBinary = Tools.require("prometheus", "prometheus");
    Path amBinary = Tools.require("prometheus-alertmanager", "prometheus-alertmanager");
    Path dir =
        Files.createDirectories(
            RepoLayout.childLogDir().resolve("monitoring-" + System.nanoTime()));
    provider = FakeLlmProvider.start();
    Path config = Files.writeString(dir.resolve("tokenmeter.yaml"), BUDGETS);
    processor =
        ProcessorProcess.start("processor-monitoring", Map.of(), "--config", config.toString());
    webhook = new AlertWebhook();
    alertmanager = LocalServer.start(amBinary, "alertmanager", "/-/ready", alertmanagerArgs(dir));
    prometheus = LocalServer.start(promBinary, "prometheus", "/-/ready", prometheusArgs(dir));
  }

  private List<String> alertmanagerArgs(Path dir) throws Exception {
    Path shipped = RepoLayout.root().resolve("dashboards/alertmanager");
    Files.createDirectories(dir.resolve("templates"));
    Files.copy(
        shipped.resolve("templates/tokenmeter.tmpl"), dir.resolve("templates/tokenmeter.tmpl"));
    String config = Files.readString(shipped.resolve("alertmanager.yml"));
    assertThat(config).contains("http://127.0.0.1:9099/alerts");
    Path file =
        Files.writeString(
            dir.resolve("alertmanager.yml"),
            config.replace("http://127.0.0.1:9099/alerts", webhook.url()));
    return List.of(
        "--config.file=" + file,
        "--storage.path={dir}",
        "--web.listen-address=127.0.0.1:{port}",
        "--cluster.listen-address=");
  }

  private List<String> prometheusArgs(Path dir) throws Exception {
    Path rules = RepoLayout.root().resolve("dashboards/prometheus/rules");
    String config =
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - %s/*.yml
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ['%s']
        scrape_configs:
          - job_name: tokenmeter-processor
            static_configs:
              - targets: ['%s']
        """
            .formatted(
                rules,
                alertmanager.baseUrl.replace("http://", ""),
                processor.metricsBaseUrl().replace("http://", ""));
    Path file = Files.writeString(dir.resolve("prometheus.yml"), config);
    return List.of(
        "--config.file=" + file,
        "--storage.tsdb.path={dir}",
        "--web.listen-address=127.0.0.1:{port}");
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c :
        new AutoCloseable[] {prometheus, alertmanager, webhook, processor, provider}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // best effort: every process is also killed by its own shutdown hook
      }
    }
  }

  private void runTraffic(String name) {
    AgentJvm.named(name)
        // One service for both runs, so the second batch moves the first batch's series.
        .sysprop("otel.service.name", "monitored-app")
        .exportTo(processor.otlpHttpEndpoint())
        .sdk(Sdk.OPENAI_NEWEST)
        .mainClass(OpenAiApp.class)
        .args(provider.baseUrl())
        .args(
            "baggage:bob:s-bob:chat",
            "baggage:bob:s-bob:chat-stream-usage",
            "baggage:bob:s-bob:error-429",
            "baggage:bob:s-bob:chat-unpriced",
            "baggage:bob:s-bob:embeddings",
            "baggage:alice:s-alice:chat-usage-1200",
            "baggage:alice:s-alice:chat-usage-1200")
        .run(RUN_TIMEOUT)
        .requireSuccess();
  }

  @Test
  void aUserOverBudgetAlertsThroughAlertmanagerAndEveryPanelHasData() throws Exception {
    // The crossing call happens during the run: timing from the app's start bounds the latency
    // above.
    long appStarted = System.nanoTime();
    runTraffic("monitored-app");
    Duration left = Duration.ofSeconds(60).minusNanos(System.nanoTime() - appStarted);

    JsonNode notification =
        webhook.await(
            a ->
                a.path("labels").path("alertname").asText().equals("LLMBudgetExceeded")
                    && a.path("labels").path("budget").asText().equals("user-daily")
                    && a.path("labels").path("subject").asText().equals("alice"),
            left);
    assertThat(notification)
        .as(
            "LLMBudgetExceeded for user-daily/alice within 60 s of the app's start; got %s; log:%n%s",
            webhook.notifications(), processor.log())
        .isNotNull();
    System.out.printf(
        "LLMBudgetExceeded delivered %.1f s after the app started%n",
        (System.nanoTime() - appStarted) / 1e9);
    assertThat(notification.path("receiver").asText()).isEqualTo("user-budgets");
    assertThat(webhook.notifications())
        .noneMatch(
            n ->
                n.toString().contains("\"subject\":\"bob\"")
                    && n.toString().contains("LLMBudgetExceeded"));

    // Counters first seen at their final value show no increase: send a second batch while
    // Prometheus scrapes, so every rate and increase panel has something to show.
    Thread.sleep(3000);
    runTraffic("monitored-app-again");
    Thread.sleep(5000);
    List<String> empty = new ArrayList<>();
    for (Dashboards.DashboardQuery query : Dashboards.allQueries()) {
      String expr =
          query.variable()
              ? Promql.variableQuery(Promql.substituteGrafana(query.expr()))
              : Promql.substituteGrafana(query.expr());
      JsonNode response =
          MAPPER.readTree(
              prometheus
                  .get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))
                  .body());
      assertThat(response.path("status").asText())
          .as(query.where() + ": " + expr)
          .isEqualTo("success");
      if (response.path("data").path("result").isEmpty()) {
        empty.add(query.where() + ": " + expr);
      }
    }
    assertThat(empty).as("queries without data from the live pipeline").isEmpty();
  }
}
