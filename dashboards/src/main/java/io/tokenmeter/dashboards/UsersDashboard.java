/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static io.tokenmeter.contract.PrometheusFamilies.USER_COST_USD_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.USER_REQUESTS_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.USER_TOKENS_TOTAL;
import static io.tokenmeter.contract.PrometheusLabels.MODEL;
import static io.tokenmeter.contract.PrometheusLabels.SCOPE;
import static io.tokenmeter.contract.PrometheusLabels.SERVICE;
import static io.tokenmeter.contract.PrometheusLabels.SUBJECT;
import static io.tokenmeter.contract.PrometheusLabels.TOKEN_TYPE;
import static io.tokenmeter.contract.PrometheusLabels.USER;
import static io.tokenmeter.dashboards.Grafana.USD_PER_HOUR;
import static io.tokenmeter.dashboards.Grafana.dataLink;
import static io.tokenmeter.dashboards.Grafana.size;
import static io.tokenmeter.dashboards.Grafana.table;
import static io.tokenmeter.dashboards.Grafana.timeseries;
import static io.tokenmeter.dashboards.OverviewDashboard.RANGE;
import static io.tokenmeter.dashboards.OverviewDashboard.RATE;
import static io.tokenmeter.dashboards.Query.column;
import static io.tokenmeter.dashboards.Query.range;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_FORECAST;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_LIMIT;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_SPENT;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_SPENT_RATIO;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** LLM Cost / Users: who spends, on what, and how close they are to their budgets. */
final class UsersDashboard {
  /** User metrics carry user, service and model (no provider). */
  static final String UF =
      USER + "=~\"$user\", " + SERVICE + "=~\"$service\", " + MODEL + "=~\"$model\"";

  static final String SESSIONS_LINK =
      "/d/tokenmeter-sessions?${__url_time_range}&${datasource:queryparam}&var-"
          + USER
          + "=${__data.fields."
          + USER
          + "}";

  private UsersDashboard() {}

  private static String byUser(String metric, String extra) {
    return "sum by (" + USER + ") (increase(" + metric + "{" + UF + extra + "}" + RANGE + "))";
  }

  static Map<String, Object> build() {
    String cost = byUser(USER_COST_USD_TOTAL, "");
    String topUsers = "topk(50, " + cost + ")";
    Map<String, Object> top =
        table(
            "Top users",
            "The 50 users with the highest spend over the selected range, with their calls and tokens. "
                + "Click a user to open their sessions. __other__ holds users past the processor's cardinality bound.",
            "short",
            column(topUsers, "Cost", "currencyUSD"),
            column(
                byUser(USER_REQUESTS_TOTAL, "") + "\nand on (" + USER + ") " + topUsers,
                "Requests",
                "short"),
            column(
                byUser(USER_TOKENS_TOTAL, "") + "\nand on (" + USER + ") " + topUsers,
                "Tokens",
                "short"));
    dataLink(top, USER, "Sessions of ${__data.fields." + USER + "}", SESSIONS_LINK);
    String budgets = "{" + SCOPE + "=\"" + USER + "\", " + SUBJECT + "=~\"$user\"}";
    List<Map<String, Object>> panels =
        List.of(
            size(top, 24, 9),
            timeseries(
                "Spend rate by user (USD/h)",
                "USD per hour of the selected users (top 20).",
                USD_PER_HOUR,
                range(
                    "topk(20, sum by ("
                        + USER
                        + ") (rate("
                        + USER_COST_USD_TOTAL
                        + "{"
                        + UF
                        + "}"
                        + RATE
                        + ")) * 3600)",
                    "{{" + USER + "}}")),
            timeseries(
                "Spend rate of the selected users by model (USD/h)",
                "USD per hour by model for the selected users; "
                    + "pick one user in the variable to see that user's mix.",
                USD_PER_HOUR,
                range(
                    "sum by ("
                        + MODEL
                        + ") (rate("
                        + USER_COST_USD_TOTAL
                        + "{"
                        + UF
                        + "}"
                        + RATE
                        + ")) * 3600",
                    "{{" + MODEL + "}}")),
            timeseries(
                "Tokens of the selected users by type",
                "Tokens per second by token type for the selected users.",
                "short",
                range(
                    "sum by ("
                        + TOKEN_TYPE
                        + ") (rate("
                        + USER_TOKENS_TOTAL
                        + "{"
                        + UF
                        + "}"
                        + RATE
                        + "))",
                    "{{" + TOKEN_TYPE + "}}")),
            timeseries(
                "Requests of the selected users",
                "GenAI calls per second by user (top 20).",
                "reqps",
                range(
                    "topk(20, sum by ("
                        + USER
                        + ") (rate("
                        + USER_REQUESTS_TOTAL
                        + "{"
                        + UF
                        + "}"
                        + RATE
                        + ")))",
                    "{{" + USER + "}}")),
            table(
                "Budgets of the selected users",
                "Budgets with scope user for the selected users: period-to-date spend, limit and forecast.",
                "percentunit",
                column(BUDGET_SPENT_RATIO + budgets, "Spent / limit", "percentunit"),
                column(BUDGET_SPENT + budgets, "Spent", "currencyUSD"),
                column(BUDGET_LIMIT + budgets, "Limit", "currencyUSD"),
                column(BUDGET_FORECAST + budgets, "Forecast", "currencyUSD")));
    List<Map<String, Object>> variables = Grafana.serviceAndModelVariables(USER_COST_USD_TOTAL);
    variables.add(
        Grafana.variable(
            "user",
            "User",
            "label_values("
                + USER_COST_USD_TOTAL
                + "{"
                + SERVICE
                + "=~\"$service\", "
                + MODEL
                + "=~\"$model\"}, "
                + USER
                + ")"));
    return Grafana.dashboard(
        "tokenmeter-users",
        "LLM Cost / Users",
        "Top users by spend, one user's spend by model over time, and their budgets.",
        variables,
        new ArrayList<>(panels));
  }
}
