/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Span;
import io.tokenmeter.processor.budget.MutableClock;
import io.tokenmeter.processor.config.ConfigLoader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed scenarios end to end: OTLP in, gauges and the budget API out. */
class BudgetApiTest {
  private static final String USER_QUOTAS =
      "[{name: user-monthly, scope: user, subject: '*', period: month, limit_usd: 100}]";
  private static final String TEAM_BUDGETS =
      """
      [{name: team-daily, scope: global, period: day, limit_usd: 10, warning_ratios: [0.8]},
       {name: team-monthly, scope: global, period: month, limit_usd: 200, warning_ratios: [0.8]}]
      """;

  private final MutableClock clock = MutableClock.at("2026-11-10T12:00:00Z");

  static Span call(String user, String session, double usd) {
    List<Object> attrs = new ArrayList<>(List.of("tokenmeter.cost.usd", usd));
    if (user != null) {
      attrs.addAll(List.of("user.id", user));
    }
    if (session != null) {
      attrs.addAll(List.of("session.id", session));
    }
    return Otlp.chat("openai", "gpt-4o-mini", 1000, 200, attrs.toArray());
  }

  static void send(TestProcessor p, String service, Span... spans) throws Exception {
    assertThat(p.postProtobuf(Otlp.request(service, spans)).statusCode()).isEqualTo(200);
  }

  static JsonNode json(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JsonBodies.parse(r.body());
  }

  static Map<String, JsonNode> bySubject(JsonNode budgets) {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode e : budgets.get("budgets")) {
      JsonNode b = e;
      out.put(b.get("name").asText() + "/" + b.get("subject").asText(), b);
    }
    return out;
  }

  @Test
  void perUserMonthlyQuotasReportOkWarningCriticalAndExceeded() throws Exception {
    try (TestProcessor p = TestProcessor.start(clock, "budgets", USER_QUOTAS)) {
      send(p, "chat", call("dave", "s-d", 10), call("alice", "s-a", 75));
      send(p, "chat", call("bob", "s-b", 90), call("carol", "s-c", 99.5));
      send(p, "chat", call("carol", "s-c", 0.5));
      Map<String, JsonNode> b = bySubject(json(p.api("/api/v1/budgets")));
      assertThat(b.get("user-monthly/dave").get("status").asText()).isEqualTo("ok");
      assertThat(b.get("user-monthly/alice").get("status").asText()).isEqualTo("warning");
      assertThat(b.get("user-monthly/bob").get("status").asText()).isEqualTo("critical");
      assertThat(b.get("user-monthly/carol").get("status").asText()).isEqualTo("exceeded");
      JsonNode alice = b.get("user-monthly/alice");
      assertThat(alice.get("spent_usd").decimalValue()).isEqualByComparingTo("75");
      assertThat(alice.get("remaining_usd").decimalValue()).isEqualByComparingTo("25");
      assertThat(alice.get("limit_usd").decimalValue()).isEqualByComparingTo("100");
      assertThat(alice.get("period_start").asText()).isEqualTo("2026-11-01T00:00:00Z");
      assertThat(alice.get("period_end").asText()).isEqualTo("2026-12-01T00:00:00Z");

      Scrape s = p.scrape();
      assertThat(userMonthly(s, "tokenmeter_budget_spent_usd", "carol"))
          .isEqualByComparingTo("100");
      assertThat(userMonthly(s, "tokenmeter_budget_limit_usd", "bob")).isEqualByComparingTo("100");
      assertThat(userMonthly(s, "tokenmeter_budget_period_elapsed_ratio", "bob"))
          .isEqualByComparingTo(BigDecimal.valueOf(9.5 / 30));
      assertThat(userMonthly(s, "tokenmeter_budget_critical_ratio", "bob"))
          .isEqualByComparingTo("0.9");

      JsonNode denied = json(p.api("/api/v1/budgets/check?user=carol&service=chat"));
      assertThat(denied.get("allowed").asBoolean()).isFalse();
      JsonNode reason = denied.get("reasons").get(0);
      assertThat(reason.get("budget").asText()).isEqualTo("user-monthly");
      assertThat(reason.get("subject").asText()).isEqualTo("carol");
      assertThat(reason.get("spent_usd").decimalValue()).isEqualByComparingTo("100");
      assertThat(reason.get("limit_usd").decimalValue()).isEqualByComparingTo("100");
      assertThat(json(p.api("/api/v1/budgets/check?user=bob")).get("allowed").asBoolean()).isTrue();
      assertThat(json(p.api("/api/v1/budgets/check?user=erin")).get("allowed").asBoolean())
          .isTrue();
    }
  }

  @Test
  void dailyAndMonthlyTeamBudgetsWarnAt80PercentAndProjectTheMonthEnd() throws Exception {
    try (TestProcessor p = TestProcessor.start(clock, "budgets", TEAM_BUDGETS)) {
      send(p, "chat", call("alice", "s1", 7.99));
      Map<String, JsonNode> b = bySubject(json(p.api("/api/v1/budgets")));
      assertThat(b.get("team-daily/all").get("status").asText()).isEqualTo("ok");
      send(p, "chat", call("bob", "s2", 0.01));
      b = bySubject(json(p.api("/api/v1/budgets")));
      assertThat(b.get("team-daily/all").get("status").asText()).isEqualTo("warning");
      assertThat(b.get("team-monthly/all").get("status").asText()).isEqualTo("ok");
      send(p, "chat", call("bob", "s2", 2));
      b = bySubject(json(p.api("/api/v1/budgets")));
      assertThat(b.get("team-daily/all").get("status").asText()).isEqualTo("exceeded");
      assertThat(json(p.api("/api/v1/budgets/check?user=zoe")).get("allowed").asBoolean())
          .isFalse();

      clock.set("2026-11-16T00:00:00Z"); // exactly half of November has passed
      send(p, "chat", call("alice", "s3", 110));
      b = bySubject(json(p.api("/api/v1/budgets")));
      assertThat(b.get("team-daily/all").get("spent_usd").decimalValue())
          .isEqualByComparingTo("110");
      JsonNode month = b.get("team-monthly/all");
      assertThat(month.get("spent_usd").decimalValue()).isEqualByComparingTo("120");
      assertThat(month.get("elapsed_ratio").decimalValue()).isEqualByComparingTo("0.5");
      assertThat(month.get("forecast_usd").decimalValue()).isEqualByComparingTo("240");
      assertThat(month.get("status").asText()).isEqualTo("ok");
      clock.set("2026-11-16T06:00:00Z");
      send(p, "chat", call("alice", "s3", 40)); // 160 of 200: the 80% warning
      b = bySubject(json(p.api("/api/v1/budgets")));
      assertThat(b.get("team-monthly/all").get("status").asText()).isEqualTo("warning");
      assertThat(
              p.scrape()
                  .value(
                      "tokenmeter_budget_spent_usd",
                      "budget",
                      "team-monthly",
                      "scope",
                      "global",
                      "subject",
                      "all",
                      "period",
                      "month"))
          .isEqualByComparingTo("160");
    }
  }

  @Test
  void perUserAndPerSessionReportsAgreeInJsonAndCsv() throws Exception {
    try (TestProcessor p = TestProcessor.start(clock)) {
      send(p, "chat", call("alice", "s1", 1.25), call("alice", "s1", 0.75), call("bob", "s2", 3));
      send(p, "search", call("bob", "s3", 0.5), call(null, null, 0.125));
      clock.set("2026-11-11T08:00:00Z");
      send(p, "chat", call("alice", "s4", 4), call("o'neil, jr", "s5", 0.001));
      p.processor.flushLedger();

      String q = "/api/v1/usage?from=2026-11-01&to=2026-11-30&group_by=user,service";
      JsonNode usage = json(p.api(q));
      HttpResponse<String> csv = p.api(q + "&format=csv");
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      List<Map<String, String>> rows = Csv.parse(csv.body());
      JsonNode jsonRows = usage.get("rows");
      assertThat(rows).hasSize(jsonRows.size()).hasSize(5);
      for (int i = 0; i < rows.size(); i++) {
        JsonNode j = jsonRows.get(i);
        Map<String, String> c = rows.get(i);
        assertThat(c.keySet())
            .containsExactly(
                "user",
                "service",
                "requests",
                "input_tokens",
                "cache_read_tokens",
                "cache_write_tokens",
                "output_tokens",
                "reasoning_tokens",
                "total_tokens",
                "cost_usd");
        for (String k : c.keySet()) {
          JsonNode v = j.get(k);
          assertThat(c.get(k)).as(k).isEqualTo(v.isNull() ? "" : v.asText());
        }
      }
      assertThat(rows.get(0)).containsEntry("user", "").containsEntry("cost_usd", "0.125");
      assertThat(rows)
          .anySatisfy(r -> assertThat(r).containsEntry("user", "o'neil, jr"))
          .anySatisfy(
              r ->
                  assertThat(r)
                      .containsEntry("user", "alice")
                      .containsEntry("service", "chat")
                      .containsEntry("requests", "3")
                      .containsEntry("cost_usd", "6"));
      JsonNode totals = usage.get("totals");
      assertThat(totals.get("cost_usd").decimalValue()).isEqualByComparingTo("9.626");
      assertThat(totals.get("requests").asLong()).isEqualTo(7);
      assertThat(totals.get("total_tokens").asLong()).isEqualTo(7 * 1200);

      JsonNode byDay = json(p.api("/api/v1/usage?from=2026-11-11&to=2026-11-11&group_by=day"));
      assertThat(byDay.get("rows")).hasSize(1);
      assertThat(byDay.get("rows").get(0).get("cost_usd").asText()).isEqualTo("4.001");

      JsonNode top =
          json(p.api("/api/v1/sessions/top?from=2026-11-01&to=2026-11-30&limit=2")).get("sessions");
      assertThat(top).hasSize(2);
      JsonNode first = top.get(0);
      assertThat(first.get("session").asText()).isEqualTo("s4");
      assertThat(first.get("user").asText()).isEqualTo("alice");
      assertThat(first.get("cost_usd").decimalValue()).isEqualByComparingTo("4");
      assertThat(first.get("first_seen").asText()).isEqualTo("2026-11-11T08:00:00Z");
      JsonNode second = top.get(1);
      assertThat(second.get("session").asText()).isEqualTo("s2");
      assertThat(second.get("requests").asLong()).isEqualTo(1);
    }
  }

  @Test
  void aBudgetAddedMidMonthStartsFromTheMonthsRollups() throws Exception {
    try (TestProcessor p = TestProcessor.start(clock, "budgets", TEAM_BUDGETS)) {
      clock.set("2026-11-02T10:00:00Z");
      send(p, "chat", call("alice", "s1", 3), call("bob", "s2", 2));
      clock.set("2026-11-10T12:00:00Z");
      send(p, "chat", call("alice", "s3", 1));
      p.processor.reloadBudgets(
          ConfigLoader.fromValues(
                  Map.of("budgets", USER_QUOTAS.replace("]", ",") + TEAM_BUDGETS.substring(1)))
              .budgets());
      Map<String, JsonNode> b = bySubject(json(p.api("/api/v1/budgets")));
      assertThat(b.get("user-monthly/alice").get("spent_usd").decimalValue())
          .isEqualByComparingTo("4");
      assertThat(b.get("user-monthly/bob").get("spent_usd").decimalValue())
          .isEqualByComparingTo("2");
      assertThat(b.get("team-monthly/all").get("spent_usd").decimalValue())
          .isEqualByComparingTo("6"); // kept, not recomputed
      send(p, "chat", call("alice", "s3", 0.5));
      p.processor.flushLedger();
      b = bySubject(json(p.api("/api/v1/budgets")));
      assertThat(b.get("user-monthly/alice").get("spent_usd").decimalValue())
          .isEqualByComparingTo("4.5");
    }
  }

  @Test
  void badParametersGetA400WithAJsonError() throws Exception {
    try (TestProcessor p = TestProcessor.start(clock)) {
      assertError(
          p, "/api/v1/usage?from=2024-13-01", 400, "from must be YYYY-MM-DD, got '2024-13-01'");
      assertError(p, "/api/v1/usage?to=yesterday", 400, "to must be YYYY-MM-DD, got 'yesterday'");
      assertError(
          p,
          "/api/v1/usage?from=2026-11-02&to=2026-11-01",
          400,
          "from (2026-11-02) must not be after to (2026-11-01)");
      assertError(
          p,
          "/api/v1/usage?group_by=user,team",
          400,
          "group_by must be a comma-separated list of day, service, provider, model, user, agent,"
              + " session, got 'team'");
      assertError(p, "/api/v1/usage?format=xml", 400, "format must be one of");
      assertError(p, "/api/v1/usage?groupby=user", 400, "unknown parameter 'groupby'");
      assertError(
          p,
          "/api/v1/sessions/top?limit=0",
          400,
          "limit must be an integer from 1 to 1000, got '0'");
      assertError(p, "/api/v1/budgets/check", 400, "name at least one of user");
      assertError(p, "/api/v1/budgets/check?team=x", 400, "unknown parameter 'team'");
      assertError(p, "/api/v1/nothing", 404, "no such endpoint: /api/v1/nothing");
    }
  }

  @Test
  void theApiNeedsTheBearerTokenWhenOneIsConfigured() throws Exception {
    try (TestProcessor p = TestProcessor.start(clock, "api.auth_token", "s3cret")) {
      HttpResponse<String> r = p.api("/api/v1/budgets");
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(p.api("/api/v1/budgets", "Authorization", "Bearer nope").statusCode())
          .isEqualTo(401);
      assertThat(p.api("/api/v1/budgets", "Authorization", "Bearer s3cret").statusCode())
          .isEqualTo(200);
      assertThat(p.api("/metrics").statusCode()).isEqualTo(200); // scrapes stay open
    }
  }

  private static void assertError(TestProcessor p, String path, int status, String message)
      throws Exception {
    HttpResponse<String> r = p.api(path);
    assertThat(r.statusCode()).as(path).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(JsonBodies.parse(r.body()).get("error").asText()).as(path).contains(message);
  }

  static Span teamCall(String team, double usd) {
    return Otlp.chat(
        "openai",
        "gpt-4o-mini",
        1000,
        200,
        "tokenmeter.cost.usd",
        usd,
        "tokenmeter.dim.team",
        team);
  }

  @Test
  void aBudgetScopedByAConfiguredDimensionCountsTheSpanAttribute() throws Exception {
    try (TestProcessor p =
        TestProcessor.start(
            clock,
            "budgets_dimensions",
            "team",
            "budgets",
            "[{name: team-daily, scope: team, subject: '*', period: day, limit_usd: 1}]")) {
      send(p, "chat", teamCall("search", 0.25), teamCall("ads", 0.5), call("alice", "s-a", 9));
      send(p, "chat", teamCall("search", 0.75), teamCall("ads", 0.125));
      Map<String, JsonNode> b = bySubject(json(p.api("/api/v1/budgets")));
      assertThat(b).containsOnlyKeys("team-daily/search", "team-daily/ads");
      JsonNode search = b.get("team-daily/search");
      assertThat(search.get("scope").asText()).isEqualTo("team");
      assertThat(search.get("spent_usd").decimalValue()).isEqualByComparingTo("1");
      assertThat(search.get("status").asText()).isEqualTo("exceeded");
      JsonNode ads = b.get("team-daily/ads");
      assertThat(ads.get("spent_usd").decimalValue()).isEqualByComparingTo("0.625");
      assertThat(ads.get("status").asText()).isEqualTo("ok");

      JsonNode denied = json(p.api("/api/v1/budgets/check?team=search"));
      assertThat(denied.get("allowed").asBoolean()).isFalse();
      JsonNode reason = denied.get("reasons").get(0);
      assertThat(reason.get("budget").asText()).isEqualTo("team-daily");
      assertThat(reason.get("scope").asText()).isEqualTo("team");
      assertThat(reason.get("subject").asText()).isEqualTo("search");
      assertThat(reason.get("spent_usd").decimalValue()).isEqualByComparingTo("1");
      assertThat(reason.get("limit_usd").decimalValue()).isEqualByComparingTo("1");
      JsonNode allowed = json(p.api("/api/v1/budgets/check?team=ads&user=alice"));
      assertThat(allowed.get("allowed").asBoolean()).isTrue();
      assertThat(p.api("/api/v1/budgets/check?tenant=acme").statusCode()).isEqualTo(400);

      Scrape s = p.scrape();
      assertThat(
              s.value(
                  "tokenmeter_budget_spent_usd",
                  "budget",
                  "team-daily",
                  "scope",
                  "team",
                  "subject",
                  "search",
                  "period",
                  "day"))
          .isEqualByComparingTo("1");
      assertThat(
              s.value(
                  "tokenmeter_budget_limit_usd",
                  "budget",
                  "team-daily",
                  "scope",
                  "team",
                  "subject",
                  "ads",
                  "period",
                  "day"))
          .isEqualByComparingTo("1");
    }
  }

  @Test
  void aDimensionBudgetAddedByAReloadStartsFromItsOwnSpendRows() throws Exception {
    try (TestProcessor p = TestProcessor.start(clock, "budgets", USER_QUOTAS)) {
      send(p, "chat", teamCall("search", 0.5));
      p.processor.flushLedger();
      p.processor.reloadBudgets(
          ConfigLoader.fromValues(
                  Map.of(
                      "budgets_dimensions",
                      "team",
                      "budgets",
                      "[{name: team-daily, scope: team, subject: '*', period: day, limit_usd: 1}]"))
              .budgets());
      // The rollups have no dimension column: the 0.5 before the reload is not backfilled.
      send(p, "chat", teamCall("search", 0.25));
      Map<String, JsonNode> b = bySubject(json(p.api("/api/v1/budgets")));
      assertThat(b.get("team-daily/search").get("spent_usd").decimalValue())
          .isEqualByComparingTo("0.25");
      assertThat(json(p.api("/api/v1/budgets/check?team=search")).get("allowed").asBoolean())
          .isTrue();
    }
  }

  /** Returns a gauge of the user-monthly budget's {@code subject}. */
  private static BigDecimal userMonthly(Scrape s, String family, String subject) {
    return s.value(
        family, "budget", "user-monthly", "scope", "user", "subject", subject, "period", "month");
  }
}
