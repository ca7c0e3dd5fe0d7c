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
          if (queries.containsKey("service")) {
            assertThat(queries.get("service")).as(file).startsWith("label_values(");
            assertThat(queries.get("model"))
                .as(file)
                .startsWith("label_values(")
                .contains("$service");
          }
          if (queries.containsKey("provider")) {
            assertThat(queries.get("provider"))
                .as(file)
                .startsWith("label_values(")
                .contains("$service");
            assertThat(queries.get("model")).as(file).contains("$provider");
          }
        });
    assertThat(variables("sessions.json")).containsExactly("datasource", "user", "tempo");
    assertThat(variables("users.json")).containsExactly("datasource", "service", "model", "user");
  }

  /** A variable no panel uses filters nothing: a reader would believe it does. */
  @Test
  void everyVariableIsUsedByAPanel() {
    List<String> problems = new ArrayList<>();
    dashboards.forEach(
        (file, d) -> {
          String panels = d.path("panels").toString();
          for (String name : variables(file)) {
            if (!panels.contains("$" + name) && !panels.contains("${" + name)) {
              problems.add(file + ": variable " + name + " is used by no panel");
            }
          }
        });
    assertThat(problems).isEmpty();
  }

  /**
   * Grafana's automatic decimals show a value's significant digits; fixed decimals turn a cost of
   * 0.0003 USD per request into $0.00.
   */
  @Test
  void currencyFieldsKeepAutomaticDecimals() {
    List<String> problems = new ArrayList<>();
    forEachField(
        (where, field) -> {
          if (isMoney(field.path("unit").asText()) && field.has("decimals")) {
            problems.add(where + ": fixed decimals on a currency field");
          }
        });
    assertThat(problems).isEmpty();
    assertThat(fields())
        .anySatisfy(f -> assertThat(f.path("unit").asText()).isEqualTo("currencyUSD"));
  }

  /** A query multiplied by 3600 is a rate per hour: USD/h in its unit and in its panel's title. */
  @Test
  void spendRatesAreInUsdPerHour() {
    List<String> problems = new ArrayList<>();
    for (JsonNode d : dashboards.values()) {
      for (JsonNode panel : d.path("panels")) {
        String title = panel.path("title").asText();
        String unit = panel.path("fieldConfig").path("defaults").path("unit").asText();
        boolean perHour = false;
        for (JsonNode target : panel.path("targets")) {
          perHour |= target.path("expr").asText().contains("* 3600");
        }
        if (perHour != unit.equals(Grafana.USD_PER_HOUR)) {
          problems.add(title + ": unit " + unit + (perHour ? " on a rate per hour" : ""));
        }
        if (perHour != title.contains("(USD/h)")) {
          problems.add(title + ": the title should say (USD/h) exactly when the panel shows USD/h");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyGaugeHasAScale() {
    List<String> gauges = new ArrayList<>();
    for (JsonNode d : dashboards.values()) {
      for (JsonNode panel : d.path("panels")) {
        if (Set.of("gauge", "bargauge").contains(panel.path("type").asText())) {
          JsonNode defaults = panel.path("fieldConfig").path("defaults");
          gauges.add(
              panel.path("title").asText()
                  + " "
                  + defaults.path("min").asText("no min")
                  + ".."
                  + defaults.path("max").asText("no max"));
        }
      }
    }
    assertThat(gauges).containsExactly("Spent / limit 0.0..1.5");
  }

  /** Status panels judge each budget by its own ratios; only "exceeded" (1) is the same for all. */
  @Test
  void budgetStatusFollowsEachBudgetsOwnRatios() {
    List<String> problems = new ArrayList<>();
    for (Dashboards.DashboardQuery q : Dashboards.allQueries()) {
      if (q.expr().matches("(?s).*(0\\.75|0\\.9)\\b.*")) {
        problems.add(q.where() + ": a fixed ratio in " + q.expr());
      }
    }
    forEachField(
        (where, field) -> {
          for (JsonNode step : field.path("thresholds").path("steps")) {
            double value = step.path("value").asDouble(0);
            if (where.startsWith("budgets.json")
                && field.path("unit").asText().equals("percentunit")
                && value > 0
                && value < 1) {
              problems.add(where + ": a fixed ratio threshold " + value);
            }
          }
        });
    assertThat(problems).isEmpty();
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
    assertThat(urls)
        .anySatisfy(
            url ->
                assertThat(url)
                    .startsWith("/d/tokenmeter-users?")
                    .contains("var-model=${__data.fields.model}", "${__url_time_range}"));
  }

  /** A data link sets only variables its target dashboard has. */
  @Test
  void dataLinksSetVariablesTheirTargetHas() {
    Pattern variable = Pattern.compile("var-([a-z_]+)=|\\$\\{([a-z_]+):queryparam}");
    List<String> problems = new ArrayList<>();
    for (JsonNode d : dashboards.values()) {
      for (JsonNode panel : d.path("panels")) {
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
          for (JsonNode property : override.path("properties")) {
            if (!property.path("id").asText().equals("links")) {
              continue;
            }
            for (JsonNode link : property.path("value")) {
              String url = link.path("url").asText();
              if (url.startsWith("/explore?")) {
                continue;
              }
              String target = resolve(url) + ".json";
              List<String> targetVariables = variables(target.replace("tokenmeter-", ""));
              Matcher m = variable.matcher(url);
              while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (!targetVariables.contains(name)) {
                  problems.add(url + ": " + target + " has no variable " + name);
                }
              }
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
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

  private List<String> variables(String file) {
    List<String> names = new ArrayList<>();
    dashboards
        .get(file)
        .path("templating")
        .path("list")
        .forEach(v -> names.add(v.path("name").asText()));
    return names;
  }

  private static boolean isMoney(String unit) {
    return unit.startsWith("currency") || unit.equals(Grafana.USD_PER_HOUR);
  }

  /** Every panel's field defaults, and each override's properties as one field. */
  private void forEachField(java.util.function.BiConsumer<String, JsonNode> check) {
    dashboards.forEach(
        (file, d) -> {
          for (JsonNode panel : d.path("panels")) {
            String where = file + " / " + panel.path("title").asText();
            JsonNode defaults = panel.path("fieldConfig").path("defaults");
            check.accept(where, defaults);
            for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
              com.fasterxml.jackson.databind.node.ObjectNode field =
                  com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
              for (JsonNode property : override.path("properties")) {
                field.set(property.path("id").asText(), property.path("value"));
              }
              if (!field.has("unit")) {
                field.set("unit", defaults.path("unit"));
              }
              check.accept(
                  where + " / " + override.path("matcher").path("options").asText(), field);
            }
          }
        });
  }

  private List<JsonNode> fields() {
    List<JsonNode> fields = new ArrayList<>();
    forEachField((where, field) -> fields.add(field));
    return fields;
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
