/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example Alertmanager config on a real Alertmanager: inhibitions as its API reports them, and
 * budget alerts, firing and resolved, delivered to the right receiver through the webhook (the
 * example URL replaced by one served by this test).
 */
class AlertmanagerInhibitionTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<JsonNode> WEBHOOKS = new CopyOnWriteArrayList<>();
  private static HttpServer webhook;
  private static LocalServer alertmanager;

  @BeforeAll
  static void start() throws IOException {
    Path binary = Tools.require("prometheus-alertmanager", "prometheus-alertmanager");
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext(
        "/alerts",
        exchange -> {
          WEBHOOKS.add(MAPPER.readTree(exchange.getRequestBody()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    webhook.start();
    Path dir = Files.createDirectories(Tools.moduleDir().resolve("target/alertmanager-config"));
    Path source = Tools.moduleDir().resolve("alertmanager");
    Files.createDirectories(dir.resolve("templates"));
    Files.copy(
        source.resolve("templates/tokenmeter.tmpl"),
        dir.resolve("templates/tokenmeter.tmpl"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String config = Files.readString(source.resolve("alertmanager.yml"));
    assertThat(config).contains("http://127.0.0.1:9099/alerts");
    // Only the timing changes: the budget route's group_interval (1m) shortened so that a resolved
    // notification arrives within seconds.
    assertThat(config).contains("group_interval: 1m");
    Files.writeString(
        dir.resolve("alertmanager.yml"),
        config
            .replace(
                "http://127.0.0.1:9099/alerts",
                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts")
            .replace("group_interval: 1m", "group_interval: 3s"));
    alertmanager =
        LocalServer.start(
            binary,
            "alertmanager",
            "/-/ready",
            List.of(
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path={dir}",
                "--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address="));
  }

  @AfterAll
  static void stop() {
    if (alertmanager != null) {
      alertmanager.close();
    }
    if (webhook != null) {
      webhook.stop(0);
    }
  }

  @Test
  void budgetLevelsDoNotInhibitEachOther() throws IOException {
    post(
        budget("LLMBudgetCritical", "critical", "lvl-daily", "alice"),
        budget("LLMBudgetWarning", "warning", "lvl-daily", "alice"),
        budget("LLMBudgetExceeded", "critical", "lvl-daily", "bob"),
        budget("LLMBudgetCritical", "critical", "lvl-daily", "bob"));
    assertThat(state("LLMBudgetWarning", "lvl-daily", "alice")).isEqualTo("active");
    assertThat(state("LLMBudgetCritical", "lvl-daily", "alice")).isEqualTo("active");
    assertThat(state("LLMBudgetCritical", "lvl-daily", "bob")).isEqualTo("active");
    assertThat(state("LLMBudgetExceeded", "lvl-daily", "bob")).isEqualTo("active");
  }

  @Test
  void processorDownInhibitsTheLlmAlerts() throws IOException {
    post(
        Map.of(
            "labels",
            Map.of(
                "alertname", "TokenmeterProcessorDown",
                "severity", "critical",
                "instance", "p1:9464",
                "job", "tokenmeter-processor")),
        budget("LLMBudgetWarning", "warning", "down-daily", "erin"));
    assertThat(state("LLMBudgetWarning", "down-daily", "erin")).isEqualTo("suppressed");
  }

  @Test
  void aWarningThatEndsWhileItsCriticalFiresSendsResolved() throws IOException {
    post(budget("LLMBudgetWarning", "warning", "res-daily", "frank"));
    awaitDelivery("res-daily", "LLMBudgetWarning", "firing");
    post(budget("LLMBudgetCritical", "critical", "res-daily", "frank"));
    awaitDelivery("res-daily", "LLMBudgetCritical", "firing");
    Map<String, Object> ended =
        new java.util.HashMap<>(budget("LLMBudgetWarning", "warning", "res-daily", "frank"));
    ended.put("endsAt", java.time.Instant.now().minusSeconds(1).toString());
    post(ended);
    JsonNode resolved = awaitDelivery("res-daily", "LLMBudgetWarning", "resolved");
    assertThat(resolved.path("receiver").asText()).isEqualTo("user-budgets");
  }

  /** Waits for a webhook payload of the budget holding the alert in the given status. */
  private static JsonNode awaitDelivery(String budget, String alertname, String status) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      for (JsonNode payload : WEBHOOKS) {
        for (JsonNode alert : payload.path("alerts")) {
          if (alert.path("labels").path("budget").asText().equals(budget)
              && alert.path("labels").path("alertname").asText().equals(alertname)
              && alert.path("status").asText().equals(status)) {
            return payload;
          }
        }
      }
      LocalServer.sleep(250);
    }
    throw new AssertionError(
        alertname + " of " + budget + " was not delivered " + status + ": " + WEBHOOKS);
  }

  @Test
  void budgetExceededForAUserReachesTheUserBudgetsWebhook() throws IOException {
    post(budget("LLMBudgetExceeded", "critical", "hook-daily", "dave"));
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline && delivered("hook-daily").isEmpty()) {
      LocalServer.sleep(250);
    }
    List<JsonNode> payloads = delivered("hook-daily");
    assertThat(payloads).isNotEmpty();
    JsonNode payload = payloads.get(0);
    assertThat(payload.path("receiver").asText()).isEqualTo("user-budgets");
    assertThat(payload.path("groupLabels").path("subject").asText()).isEqualTo("dave");
    assertThat(payload.path("alerts").get(0).path("annotations").path("summary").asText())
        .contains("hook-daily", "dave");
  }

  private static List<JsonNode> delivered(String budget) {
    return WEBHOOKS.stream()
        .filter(w -> w.path("groupLabels").path("budget").asText().equals(budget))
        .collect(Collectors.toList());
  }

  private static Map<String, Object> budget(
      String alertname, String severity, String budget, String subject) {
    return Map.of(
        "labels",
            Map.of(
                "alertname",
                alertname,
                "severity",
                severity,
                "budget",
                budget,
                "scope",
                "user",
                "subject",
                subject,
                "period",
                "day"),
        "annotations", Map.of("summary", "Budget " + budget + ": user " + subject));
  }

  @SafeVarargs
  private static void post(Map<String, Object>... alerts) throws IOException {
    var response =
        alertmanager.postJson("/api/v2/alerts", MAPPER.writeValueAsString(List.of(alerts)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String state(String alertname, String budget, String subject) throws IOException {
    String filter =
        "filter="
            + URLEncoder.encode("alertname=\"" + alertname + "\"", StandardCharsets.UTF_8)
            + "&filter="
            + URLEncoder.encode("budget=\"" + budget + "\"", StandardCharsets.UTF_8)
            + "&filter="
            + URLEncoder.encode("subject=\"" + subject + "\"", StandardCharsets.UTF_8);
    JsonNode alerts = MAPPER.readTree(alertmanager.get("/api/v2/alerts?" + filter).body());
    assertThat(alerts).as(alertname + " " + subject).hasSize(1);
    return alerts.get(0).path("status").path("state").asText();
  }
}
