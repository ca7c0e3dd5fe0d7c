/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static io.tokenmeter.dashboards.Grafana.table;
import static io.tokenmeter.dashboards.Grafana.timeseries;
import static io.tokenmeter.dashboards.OverviewDashboard.F;
import static io.tokenmeter.dashboards.OverviewDashboard.RANGE;
import static io.tokenmeter.dashboards.OverviewDashboard.RATE;
import static io.tokenmeter.dashboards.OverviewDashboard.costRate;
import static io.tokenmeter.dashboards.OverviewDashboard.errorRatio;
import static io.tokenmeter.dashboards.OverviewDashboard.quantile;
import static io.tokenmeter.dashboards.Query.column;
import static io.tokenmeter.dashboards.Query.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** LLM Cost / Models: each model's cost, tokens, unit prices, latency and errors, side by side. */
final class ModelsDashboard {
  private static final String BY = "sum by (provider, model) ";

  private ModelsDashboard() {}

  private static String sumIncrease(String metric, String extra) {
    return BY + "(increase(" + metric + "{" + F + extra + "}" + RANGE + "))";
  }

  private static String sumRate(String by, String metric, String extra) {
    return "sum by (" + by + ") (rate(" + metric + "{" + F + extra + "}" + RATE + "))";
  }

  static Map<String, Object> build() {
    String cost = sumIncrease("tokenmeter_cost_usd_total", "");
    String requests = sumIncrease("tokenmeter_requests_total", "");
    String tokens = sumIncrease("tokenmeter_tokens_total", "");
    List<Map<String, Object>> panels =
        List.of(
            table(
                "Model comparison",
                "One row per provider and model over the selected range: spend, calls, tokens, cost per call, "
                    + "cost per 1k tokens, p95 latency and error ratio.",
                "short",
                column(cost, "Cost", "currencyUSD"),
                column(requests, "Requests", "short"),
                column(tokens, "Tokens", "short"),
                column(cost + "\n/ (" + requests + " > 0)", "Cost / request", "currencyUSD"),
                column(
                    "1000 * " + cost + "\n/ (" + tokens + " > 0)",
                    "Cost / 1k tokens",
                    "currencyUSD"),
                column(
                    "histogram_quantile(0.95, sum by (provider, model, le) (increase("
                        + "tokenmeter_request_duration_seconds_bucket{"
                        + F
                        + "}"
                        + RANGE
                        + ")))",
                    "p95 latency",
                    "s"),
                column(
                    errorRatio("provider, model", "increase", RANGE),
                    "Error ratio",
                    "percentunit")),
            timeseries(
                "Spend rate by model",
                "USD per hour by model.",
                "currencyUSD",
                range(costRate("model"), "{{model}}")),
            timeseries(
                "Tokens by model and type",
                "Tokens per second by model and token type.",
                "short",
                range(
                    sumRate("model, token_type", "tokenmeter_tokens_total", ""),
                    "{{model}} {{token_type}}")),
            timeseries(
                "Cost per request by model",
                "Average USD per GenAI call, by model.",
                "currencyUSD",
                range(
                    sumRate("model", "tokenmeter_cost_usd_total", "")
                        + "\n/ "
                        + sumRate("model", "tokenmeter_requests_total", ""),
                    "{{model}}")),
            timeseries(
                "Cost per 1k tokens by model",
                "Average USD per 1,000 tokens (all types), by model.",
                "currencyUSD",
                range(
                    "1000 * "
                        + sumRate("model", "tokenmeter_cost_usd_total", "")
                        + "\n/ "
                        + sumRate("model", "tokenmeter_tokens_total", ""),
                    "{{model}}")),
            timeseries(
                "Latency p95 by model",
                "95th percentile duration of GenAI calls, by model.",
                "s",
                range(
                    quantile("0.95", "tokenmeter_request_duration_seconds", "model, le"),
                    "{{model}}")),
            timeseries(
                "Time to first token p95 by model",
                "95th percentile time to the first streamed chunk.",
                "s",
                range(
                    quantile("0.95", "tokenmeter_time_to_first_token_seconds", "model, le"),
                    "{{model}}")),
            timeseries(
                "Error ratio by model",
                "Share of GenAI calls that failed, by model.",
                "percentunit",
                range(errorRatio("model", "rate", RATE), "{{model}}")),
            timeseries(
                "Requests by model",
                "GenAI calls per second, by model and outcome.",
                "reqps",
                range(
                    sumRate("model, outcome", "tokenmeter_requests_total", ""),
                    "{{model}} {{outcome}}")));
    return Grafana.dashboard(
        "tokenmeter-models",
        "LLM Cost / Models",
        "Per-model cost, tokens by type, cost per request and per 1k tokens, latency and errors.",
        Grafana.commonVariables(),
        new ArrayList<>(panels));
  }
}
