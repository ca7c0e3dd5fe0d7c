/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The checks grafana's dashboard-linter would make, plus ours, on the committed dashboards. */
class DashboardLintTest {
  /** Fixed rate windows allowed in dashboards; none so far (every window follows Grafana's). */
  static final Set<String> FIXED_WINDOWS = Set.of();

  private static final Set<String> WINDOWS =
      union(Set.of("$__rate_interval", "$__range"), FIXED_WINDOWS);
  private static final Pattern DASHBOARD_URL = Pattern.compile("^/d/([a-z0-9-]+)(\\?.*)?$");
  private final Map<String, JsonNode> dashboards = Dashboards.committed();
  private final Set<String> uids =
      DashboardGenerator.ENTRIES.stream()
          .map(DashboardGenerator.Entry::uid)
          .collect(Collectors.toSet());

  @Test
  void theFiveDashboardsHaveStableUniqueUidsTitlesAndSchema() {
    List<String> seen = new ArrayList<>();
    dashboards.forEach(
        (file, d) -> {
          seen.add(d.path("uid").asText());
          assertThat(d.path("schemaVersion").asInt()).as(file).isGreaterThanOrEqualTo(39);
          assertThat(d.path("title").asText()).as(file).startsWith("LLM Cost / ");
        });
    assertThat(seen)
        .containsExactly(
            "tokenmeter-overview",
            "tokenmeter-models",
            "tokenmeter-users",
            "tokenmeter-sessions",
            "tokenmeter-budgets");
    assertThat(dashboards.values())
        .extracting(d -> d.path("title").asText())
        .containsExactly(
            "LLM Cost / Overview",
            "LLM Cost / Models",
            "LLM Cost / Users",
            "LLM Cost / Sessions",
            "LLM Cost / Budgets");
  }

  @Test
  void oneDatasourceVariableIsUsedByEveryPanelTargetAndVariable() {
    List<String> problems = new ArrayList<>();
    dashboards.forEach(
        (file, d) -> {
          List<JsonNode> prometheusVariables = new ArrayList<>();
          for (JsonNode v : d.path("templating").path("list")) {
            if (v.path("type").asText().equals("datasource")
                && v.path("query").asText().equals("prometheus")) {
              prometheusVariables.add(v);
            } else if (v.path("type").asText().equals("query") && !usesDatasource(v)) {
              problems.add(
                  file + ": variable " + v.path("name").asText() + " does not use ${datasource}");
            }
          }
          if (prometheusVariables.size() != 1
              || !prometheusVariables.get(0).path("name").asText().equals("datasource")) {
            problems.add(
                file + ": needs exactly one prometheus datasource variable named datasource");
          }
          for (JsonNode panel : d.path("panels")) {
            if (!usesDatasource(panel)) {
              problems.add(
                  file
                      + " / "
                      + panel.path("title").asText()
                      + ": panel does not use ${datasource}");
            }
            for (JsonNode target : panel.path("targets")) {
              if (!usesDatasource(target)) {
                problems.add(
                    file
                        + " / "
                        + panel.path("title").asText()
                        + ": target does not use ${datasource}");
              }
            }
          }
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void serviceProviderAndModelVariablesAreChainedLabelValues() {
    dashboards.forEach(
        (file, d) -> {
          Map<String, String> queries = new java.util.HashMap<>();
          for (JsonNode v : d.path("templating").path("list")) {
            queries.put(v.path("name").asText(), v.path("query").path("query").asText());
          }
          assertThat(queries.get("service")).as(file).startsWith("label_values(");
          assertThat(queries.get("provider"))
              .as(file)
              .startsWith("label_values(")
              .contains("$service");
          assertThat(queries.get("model"))
              .as(file)
              .startsWith("label_values(")
              .contains("$service", "$provider");
        });
  }

  @Test
  void everyPanelHasTitleDescriptionAndUnit() {
    List<String> problems = new ArrayList<>();
    dashboards.forEach(
        (file, d) -> {
          Set<Integer> ids = new HashSet<>();
          for (JsonNode panel : d.path("panels")) {
            String where =
                file + " / panel " + panel.path("id").asInt() + " " + panel.path("title").asText();
            if (panel.path("title").asText().isBlank()) {
              problems.add(where + ": no title");
            }
            if (panel.path("description").asText().isBlank()) {
              problems.add(where + ": no description");
            }
            if (panel.path("fieldConfig").path("defaults").path("unit").asText().isBlank()) {
              problems.add(where + ": no fieldConfig.defaults.unit");
            }
            if (!ids.add(panel.path("id").asInt())) {
              problems.add(where + ": duplicate panel id");
            }
            JsonNode grid = panel.path("gridPos");
            if (grid.path("x").asInt() + grid.path("w").asInt() > 24) {
              problems.add(where + ": wider than the grid");
            }
          }
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyDashboardLinksToTheOthersKeepingTimeAndVariables() {
    dashboards.forEach(
        (file, d) -> {
          Set<String> targets = new HashSet<>();
          for (JsonNode link : d.path("links")) {
            assertThat(link.path("keepTime").asBoolean()).as(file + " keepTime").isTrue();
            assertThat(link.path("includeVars").asBoolean()).as(file + " includeVars").isTrue();
            targets.add(resolve(link.path("url").asText()));
          }
          Set<String> others = new HashSet<>(uids);
          others.remove(d.path("uid").asText());
          assertThat(targets).as(file + " links").isEqualTo(others);
        });
  }

  @Test
  void dataLinksResolveToOurDashboardsOrExplore() {
    List<String> urls = new ArrayList<>();
    for (JsonNode d : dashboards.values()) {
      for (JsonNode panel : d.path("panels")) {
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
          for (JsonNode property : override.path("properties")) {
            if (property.path("id").asText().equals("links")) {
              property.path("value").forEach(link -> urls.add(link.path("url").asText()));
            }
          }
        }
      }
    }
    assertThat(urls).isNotEmpty();
    for (String url : urls) {
      if (!url.startsWith("/explore?")) {
        assertThat(uids).as(url).contains(resolve(url));
      }
    }
    assertThat(urls)
        .anySatisfy(
            url ->
                assertThat(url)
                    .startsWith("/d/tokenmeter-sessions?")
                    .contains("var-user=${__data.fields.user}", "${__url_time_range}"));
  }

  @Test
  void queriesUseKnownMetricsAggregateCountersAndGrafanaRateWindows() {
    List<String> problems = new ArrayList<>();
    for (Dashboards.DashboardQuery q : Dashboards.allQueries()) {
      if (q.variable()) {
        for (String name : Promql.metricNames(Promql.variableQuery(q.expr()))) {
          if (!PromqlLint.KNOWN_NAMES.contains(name)) {
            problems.add(q.where() + ": unknown metric " + name);
          }
        }
      } else {
        problems.addAll(PromqlLint.problems(q.where(), q.expr(), WINDOWS));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void totalsFollowTheTimePicker() {
    for (Dashboards.DashboardQuery q : Dashboards.allQueries()) {
      if (q.where().contains("in range") || q.where().contains("today")) {
        assertThat(q.expr()).as(q.where()).contains("[$__range]");
      }
    }
  }

  @Test
  void lintCatchesWhatItShould() {
    Set<String> w = WINDOWS;
    assertThat(PromqlLint.problems("x", "rate(tokenmeter_requests_total[5m])", w))
        .anyMatch(p -> p.contains("not inside sum"))
        .anyMatch(p -> p.contains("[5m]"));
    assertThat(PromqlLint.problems("x", "sum(rate(tokenmeter_nope_total[$__rate_interval]))", w))
        .anyMatch(p -> p.contains("unknown metric tokenmeter_nope_total"));
    assertThat(PromqlLint.problems("x", "tokenmeter_session_cost_usd{user=\"a\"} > 5", w))
        .anyMatch(p -> p.contains("not aggregated"));
    assertThat(
            PromqlLint.problems(
                "x",
                "topk(5, sum by (model) (increase(tokenmeter_cost_usd_total{a=~\"$b\"}[$__range])))",
                w))
        .isEmpty();
    assertThat(
            PromqlLint.problems(
                "x",
                "histogram_quantile(0.9, sum by (le) "
                    + "(rate(tokenmeter_request_duration_seconds_bucket[$__rate_interval])))",
                w))
        .isEmpty();
  }

  private String resolve(String url) {
    Matcher m = DASHBOARD_URL.matcher(url);
    assertThat(m.matches()).as("dashboard url " + url).isTrue();
    return m.group(1);
  }

  private static boolean usesDatasource(JsonNode node) {
    return node.path("datasource").path("uid").asText().equals("${datasource}");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
