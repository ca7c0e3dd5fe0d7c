/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static io.tokenmeter.contract.PrometheusFamilies.BUDGET_LIMIT_USD;
import static io.tokenmeter.contract.PrometheusFamilies.COST_USD_TOTAL;
import static io.tokenmeter.contract.PrometheusLabels.BUDGET;
import static io.tokenmeter.contract.PrometheusLabels.PERIOD;
import static io.tokenmeter.contract.PrometheusLabels.SCOPE;
import static io.tokenmeter.contract.PrometheusLabels.SUBJECT;
import static io.tokenmeter.dashboards.Grafana.USD_PER_HOUR;
import static io.tokenmeter.dashboards.Grafana.bargauge;
import static io.tokenmeter.dashboards.Grafana.scale;
import static io.tokenmeter.dashboards.Grafana.size;
import static io.tokenmeter.dashboards.Grafana.stat;
import static io.tokenmeter.dashboards.Grafana.table;
import static io.tokenmeter.dashboards.Grafana.thresholds;
import static io.tokenmeter.dashboards.Grafana.timeseries;
import static io.tokenmeter.dashboards.Grafana.valueNames;
import static io.tokenmeter.dashboards.OverviewDashboard.F;
import static io.tokenmeter.dashboards.OverviewDashboard.RATE;
import static io.tokenmeter.dashboards.Query.column;
import static io.tokenmeter.dashboards.Query.instant;
import static io.tokenmeter.dashboards.Query.range;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_CRITICAL;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_FORECAST;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_LIMIT;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_PERIOD_ELAPSED;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_SPENT;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_SPENT_RATIO;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_WARNING;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LLM Cost / Budgets: every budget's period-to-date spend against its limit, pace and forecast,
 * from the recording rules over the processor's ledger gauges, and the budget alerts that fire.
 */
final class BudgetsDashboard {
  private static final String BF = "{" + SCOPE + "=~\"$scope\", " + BUDGET + "=~\"$budget\"}";
  static final String SPENT = BUDGET_SPENT + BF;
  static final String LIMIT = BUDGET_LIMIT + BF;
  static final String RATIO = BUDGET_SPENT_RATIO + BF;
  static final String FORECAST = BUDGET_FORECAST + BF;
  static final String ELAPSED =
      SPENT + " * 0\n+ on (" + BUDGET + ", " + PERIOD + ") group_left ()\n" + BUDGET_PERIOD_ELAPSED;

  /** Share of the limit spent over share of the period elapsed: 1 is exactly on budget. */
  private static final String PACE =
      RATIO
          + "\n/ on ("
          + BUDGET
          + ", "
          + PERIOD
          + ") group_left ()\n"
          + "clamp_min("
          + BUDGET_PERIOD_ELAPSED
          + ", 0.05)";

  private static final String REMAINING = "clamp_min(" + LIMIT + " - " + SPENT + ", 0)";
  private static final String LEGEND = "{{" + BUDGET + "}} ({{" + SCOPE + "}}={{" + SUBJECT + "}})";
  private static final String ON_SUBJECT =
      " on (" + BUDGET + ", " + SCOPE + ", " + SUBJECT + ", " + PERIOD + ") ";

  /** The Status column's levels: 0 ok, 1 warning, 2 critical, 3 exceeded. */
  static final Object[] LEVELS = {
    0, "ok", "green", 1, "warning", "orange", 2, "critical", "red", 3, "exceeded", "dark-red"
  };

  private BudgetsDashboard() {}

  /**
   * Each subject's level (see {@link #LEVELS}) against its own budget's warning and critical
   * ratios, as the budget alerts judge it.
   */
  static String level(String ratio) {
    return "("
        + ratio
        + " >= 1) * 0 + 3\nor ("
        + ratio
        + " >="
        + ON_SUBJECT
        + BUDGET_CRITICAL
        + ") * 0 + 2\nor ("
        + ratio
        + " >="
        + ON_SUBJECT
        + BUDGET_WARNING
        + ") * 0 + 1\nor "
        + ratio
        + " * 0";
  }

  /**
   * The highest firing budget alert of each subject, as a level: keep_firing_for keeps a Warning
   * firing for a while after its Critical, and that subject still counts once, at critical.
   */
  static String firingLevel() {
    String alerts =
        "ALERTS{alertstate=\"firing\", "
            + SCOPE
            + "=~\"$scope\", "
            + BUDGET
            + "=~\"$budget\", alertname";
    return "max by ("
        + BUDGET
        + ", "
        + SCOPE
        + ", "
        + SUBJECT
        + ", "
        + PERIOD
        + ") (\n"
        + "  "
        + alerts
        + "=\"LLMBudgetExceeded\"} * 3\n"
        + "  or "
        + alerts
        + "=\"LLMBudgetCritical\"} * 2\n"
        + "  or "
        + alerts
        + "=~\"LLMBudgetWarning|LLMBudgetForecastOverrun\"}\n"
        + ")";
  }

  static Map<String, Object> build() {
    List<Map<String, Object>> panels =
        List.of(
            stat(
                "Budgets",
                "Budget subjects exported by the processor.",
                "short",
                instant("count(" + LIMIT + ") or vector(0)", "budgets")),
            thresholds(
                stat(
                    "At or over warning",
                    "Budget subjects at or past their own budget's warning ratio (warning_ratios; 0.75 "
                        + "where a budget sets none).",
                    "short",
                    instant(
                        "count(" + RATIO + " >=" + ON_SUBJECT + BUDGET_WARNING + ") or vector(0)",
                        "budgets")),
                1,
                "orange"),
            thresholds(
                stat(
                    "Exceeded",
                    "Budget subjects at or over their limit.",
                    "short",
                    instant("count(" + RATIO + " >= 1) or vector(0)", "budgets")),
                1,
                "red"),
            thresholds(
                stat(
                    "Subjects with firing budget alerts",
                    "Budget subjects with an LLMBudget* alert firing now (ALERTS from Prometheus), "
                        + "each counted once whatever its number of alerts.",
                    "short",
                    instant("count(" + firingLevel() + ") or vector(0)", "subjects")),
                1,
                "red"),
            size(
                stat(
                    "Spend rate of the selected services (USD/h)",
                    "USD per hour of the selected services, models and "
                        + "providers, for context (budgets have their own scope).",
                    USD_PER_HOUR,
                    range(
                        "sum(rate(" + COST_USD_TOTAL + "{" + F + "}" + RATE + ")) * 3600",
                        "USD/h")),
                8,
                4),
            size(
                valueNames(
                    table(
                        "Budgets",
                        "Every budget subject: status against its own budget's warning and critical ratios, spent "
                            + "against limit, remaining, how much of the period has elapsed, pace "
                            + "(spent ratio / elapsed ratio; above 1 means on course to overrun) and the linear forecast "
                            + "(spent / max(elapsed, 0.05)).",
                        "short",
                        column(level(RATIO), "Status", "short"),
                        column(RATIO, "Spent / limit", "percentunit"),
                        column(SPENT, "Spent", "currencyUSD"),
                        column(LIMIT, "Limit", "currencyUSD"),
                        column(REMAINING, "Remaining", "currencyUSD"),
                        column(ELAPSED, "Period elapsed", "percentunit"),
                        column(PACE, "Pace", "short"),
                        column(FORECAST, "Forecast", "currencyUSD")),
                    "Status",
                    LEVELS),
                24,
                9),
            scale(
                thresholds(
                    bargauge(
                        "Spent / limit",
                        "Period-to-date spend as a share of each budget's limit, red from 100 %; the scale "
                            + "ends at 150 % so one subject far over its limit does not squash the rest. "
                            + "Warning and critical depend on each budget's own ratios: see Status in the "
                            + "Budgets table.",
                        "percentunit",
                        instant(RATIO, LEGEND)),
                    1,
                    "red"),
                0,
                1.5),
            timeseries(
                "Spent vs limit",
                "Period-to-date spend and the limit of each budget subject.",
                "currencyUSD",
                range(SPENT, LEGEND + " spent"),
                range(LIMIT, LEGEND + " limit")),
            timeseries(
                "Remaining",
                "USD left in each budget's current period.",
                "currencyUSD",
                range(REMAINING, LEGEND)),
            thresholds(
                timeseries(
                    "Spent ratio vs elapsed ratio",
                    "Pace: share of the limit spent divided by the share "
                        + "of the period elapsed. 1 means exactly on budget; above 1 overruns if the pace holds.",
                    "short",
                    range(PACE, LEGEND)),
                1,
                "red"),
            timeseries(
                "Forecast vs limit",
                "Linear forecast of period spend (spent / max(elapsed, 0.05)) against the "
                    + "limit. LLMBudgetForecastOverrun fires when it passes the limit after 10 % of the period.",
                "currencyUSD",
                range(FORECAST, LEGEND + " forecast"),
                range(LIMIT, LEGEND + " limit")),
            size(
                valueNames(
                    table(
                        "Firing budget alerts",
                        "Budget subjects with an LLMBudget* alert firing now, one row per subject at its "
                            + "highest level (a Warning kept firing after its Critical is not listed twice).",
                        "short",
                        column(firingLevel(), "Level", "short")),
                    "Level",
                    LEVELS),
                12,
                8));
    List<Map<String, Object>> variables = Grafana.commonVariables();
    variables.add(
        Grafana.variable(
            "scope", "Scope", "label_values(" + BUDGET_LIMIT_USD + ", " + SCOPE + ")"));
    variables.add(
        Grafana.variable(
            "budget",
            "Budget",
            "label_values(" + BUDGET_LIMIT_USD + "{" + SCOPE + "=~\"$scope\"}, " + BUDGET + ")"));
    return Grafana.dashboard(
        "tokenmeter-budgets",
        "LLM Cost / Budgets",
        "Budgets: spent vs limit, remaining, period elapsed vs spent, forecast, and firing budget alerts.",
        variables,
        new ArrayList<>(panels));
  }
}
