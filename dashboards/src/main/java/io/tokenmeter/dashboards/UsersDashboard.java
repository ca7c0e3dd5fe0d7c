/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static io.tokenmeter.dashboards.Grafana.dataLink;
import static io.tokenmeter.dashboards.Grafana.size;
import static io.tokenmeter.dashboards.Grafana.table;
import static io.tokenmeter.dashboards.Grafana.timeseries;
import static io.tokenmeter.dashboards.OverviewDashboard.RANGE;
import static io.tokenmeter.dashboards.OverviewDashboard.RATE;
import static io.tokenmeter.dashboards.Query.column;
import static io.tokenmeter.dashboards.Query.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** LLM Cost / Users: who spends, on what, and how close they are to their budgets. */
final class UsersDashboard {
  /** User metrics carry user, service and model (no provider). */
  static final String UF = "user=~\"$user\", service=~\"$service\", model=~\"$model\"";

  static final String SESSIONS_LINK =
      "/d/tokenmeter-sessions?${__url_time_range}&${datasource:queryparam}"
          + "&${service:queryparam}&${provider:queryparam}&${model:queryparam}&var-user=${__data.fields.user}";

  private UsersDashboard() {}

  private static String byUser(String metric, String extra) {
    return "sum by (user) (increase(" + metric + "{" + UF + extra + "}" + RANGE + "))";
  }

  static Map<String, Object> build() {
    String cost = byUser("tokenmeter_user_cost_usd_total", "");
    String topUsers = "topk(50, " + cost + ")";
    Map<String, Object> top =
        table(
            "Top users",
            "The 50 users with the highest spend over the selected range, with their calls and tokens. "
                + "Click a user to open their sessions. __other__ holds users past the processor's cardinality bound.",
            "short",
            column(topUsers, "Cost", "currencyUSD"),
            column(
                byUser("tokenmeter_user_requests_total", "") + "\nand on (user) " + topUsers,
                "Requests",
                "short"),
            column(
                byUser("tokenmeter_user_tokens_total", "") + "\nand on (user) " + topUsers,
                "Tokens",
                "short"));
    dataLink(top, "user", "Sessions of ${__data.fields.user}", SESSIONS_LINK);
    String budgets = "{scope=\"user\", subject=~\"$user\"}";
    List<Map<String, Object>> panels =
        List.of(
            size(top, 24, 9),
            timeseries(
                "Spend rate by user",
                "USD per hour of the selected users (top 20).",
                "currencyUSD",
                range(
                    "topk(20, sum by (user) (rate(tokenmeter_user_cost_usd_total{"
                        + UF
                        + "}"
                        + RATE
                        + ")) * 3600)",
                    "{{user}}")),
            timeseries(
                "Spend rate of the selected users by model",
                "USD per hour by model for the selected users; "
                    + "pick one user in the variable to see that user's mix.",
                "currencyUSD",
                range(
                    "sum by (model) (rate(tokenmeter_user_cost_usd_total{"
                        + UF
                        + "}"
                        + RATE
                        + ")) * 3600",
                    "{{model}}")),
            timeseries(
                "Tokens of the selected users by type",
                "Tokens per second by token type for the selected users.",
                "short",
                range(
                    "sum by (token_type) (rate(tokenmeter_user_tokens_total{"
                        + UF
                        + "}"
                        + RATE
                        + "))",
                    "{{token_type}}")),
            timeseries(
                "Requests of the selected users",
                "GenAI calls per second by user (top 20).",
                "reqps",
                range(
                    "topk(20, sum by (user) (rate(tokenmeter_user_requests_total{"
                        + UF
                        + "}"
                        + RATE
                        + ")))",
                    "{{user}}")),
            table(
                "Budgets of the selected users",
                "Budgets with scope user for the selected users: period-to-date spend, limit and forecast.",
                "percentunit",
                column(
                    "budget_scope_subject_period:tokenmeter_budget_spent_usd:ratio" + budgets,
                    "Spent / limit",
                    "percentunit"),
                column(
                    "budget_scope_subject_period:tokenmeter_budget_spent_usd:max" + budgets,
                    "Spent",
                    "currencyUSD"),
                column(
                    "budget_scope_subject_period:tokenmeter_budget_limit_usd:max" + budgets,
                    "Limit",
                    "currencyUSD"),
                column(
                    "budget_scope_subject_period:tokenmeter_budget_spent_usd:forecast_linear"
                        + budgets,
                    "Forecast",
                    "currencyUSD")));
    List<Map<String, Object>> variables = Grafana.commonVariables();
    variables.add(
        Grafana.variable(
            "user",
            "User",
            "label_values(tokenmeter_user_cost_usd_total{service=~\"$service\", model=~\"$model\"}, user)"));
    return Grafana.dashboard(
        "tokenmeter-users",
        "LLM Cost / Users",
        "Top users by spend, one user's spend by model over time, and their budgets.",
        variables,
        new ArrayList<>(panels));
  }
}
