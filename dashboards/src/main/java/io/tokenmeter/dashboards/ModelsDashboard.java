/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static io.tokenmeter.contract.PrometheusFamilies.COST_USD_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.REQUESTS_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.REQUEST_DURATION_SECONDS;
import static io.tokenmeter.contract.PrometheusFamilies.TIME_TO_FIRST_TOKEN_SECONDS;
import static io.tokenmeter.contract.PrometheusFamilies.TOKENS_TOTAL;
import static io.tokenmeter.contract.PrometheusLabels.MODEL;
import static io.tokenmeter.contract.PrometheusLabels.OUTCOME;
import static io.tokenmeter.contract.PrometheusLabels.PROVIDER;
import static io.tokenmeter.contract.PrometheusLabels.TOKEN_TYPE;
import static io.tokenmeter.dashboards.Grafana.USD_PER_HOUR;
import static io.tokenmeter.dashboards.Grafana.dataLink;
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
  private static final String BY = "sum by (" + PROVIDER + ", " + MODEL + ") ";

  /**
   * The Users dashboard for the clicked model, keeping the time range, data source and services.
   */
  static final String USERS_LINK =
      "/d/tokenmeter-users?${__url_time_range}&${datasource:queryparam}&${service:queryparam}&var-"
          + MODEL
          + "=${__data.fields."
          + MODEL
          + "}";

  private ModelsDashboard() {}

  private static String sumIncrease(String metric, String extra) {
    return BY + "(increase(" + metric + "{" + F + extra + "}" + RANGE + "))";
  }

  private static String sumRate(String by, String metric, String extra) {
    return "sum by (" + by + ") (rate(" + metric + "{" + F + extra + "}" + RATE + "))";
  }

  static Map<String, Object> build() {
    String cost = sumIncrease(COST_USD_TOTAL, "");
    String requests = sumIncrease(REQUESTS_TOTAL, "");
    String tokens = sumIncrease(TOKENS_TOTAL, "");
    Map<String, Object> comparison =
        table(
            "Model comparison",
            "One row per provider and model over the selected range: spend, calls, tokens, cost per call, "
                + "cost per 1k tokens, p95 latency and error ratio. Click a model to open its users.",
            "short",
            column(cost, "Cost", "currencyUSD"),
            column(requests, "Requests", "short"),
            column(tokens, "Tokens", "short"),
            column(cost + "\n/ (" + requests + " > 0)", "Cost / request", "currencyUSD"),
            column(
                "1000 * " + cost + "\n/ (" + tokens + " > 0)", "Cost / 1k tokens", "currencyUSD"),
            column(
                "histogram_quantile(0.95, sum by ("
                    + PROVIDER
                    + ", "
                    + MODEL
                    + ", le) (increase("
                    + REQUEST_DURATION_SECONDS
                    + "_bucket{"
                    + F
                    + "}"
                    + RANGE
                    + ")))",
                "p95 latency",
                "s"),
            column(
                errorRatio(PROVIDER + ", " + MODEL, "increase", RANGE),
                "Error ratio",
                "percentunit"));
    dataLink(comparison, MODEL, "Users of ${__data.fields." + MODEL + "}", USERS_LINK);
    List<Map<String, Object>> panels =
        List.of(
            comparison,
            timeseries(
                "Spend rate by model (USD/h)",
                "USD per hour by model.",
                USD_PER_HOUR,
                range(costRate(MODEL), "{{" + MODEL + "}}")),
            timeseries(
                "Tokens by model and type",
                "Tokens per second by model and token type.",
                "short",
                range(
                    sumRate(MODEL + ", " + TOKEN_TYPE, TOKENS_TOTAL, ""),
                    "{{" + MODEL + "}} {{" + TOKEN_TYPE + "}}")),
            timeseries(
                "Cost per request by model",
                "Average USD per GenAI call, by model.",
                "currencyUSD",
                range(
                    sumRate(MODEL, COST_USD_TOTAL, "")
                        + "\n/ "
                        + sumRate(MODEL, REQUESTS_TOTAL, ""),
                    "{{" + MODEL + "}}")),
            timeseries(
                "Cost per 1k tokens by model",
                "Average USD per 1,000 tokens (all types), by model.",
                "currencyUSD",
                range(
                    "1000 * "
                        + sumRate(MODEL, COST_USD_TOTAL, "")
                        + "\n/ "
                        + sumRate(MODEL, TOKENS_TOTAL, ""),
                    "{{" + MODEL + "}}")),
            timeseries(
                "Latency p95 by model",
                "95th percentile duration of GenAI calls, by model.",
                "s",
                range(
                    quantile("0.95", REQUEST_DURATION_SECONDS, MODEL + ", le"),
                    "{{" + MODEL + "}}")),
            timeseries(
                "Time to first token p95 by model",
                "95th percentile time to the first streamed chunk.",
                "s",
                range(
                    quantile("0.95", TIME_TO_FIRST_TOKEN_SECONDS, MODEL + ", le"),
                    "{{" + MODEL + "}}")),
            timeseries(
                "Error ratio by model",
                "Share of GenAI calls that failed, by model.",
                "percentunit",
                range(errorRatio(MODEL, "rate", RATE), "{{" + MODEL + "}}")),
            timeseries(
                "Requests by model",
                "GenAI calls per second, by model and outcome.",
                "reqps",
                range(
                    sumRate(MODEL + ", " + OUTCOME, REQUESTS_TOTAL, ""),
                    "{{" + MODEL + "}} {{" + OUTCOME + "}}")));
    return Grafana.dashboard(
        "tokenmeter-models",
        "LLM Cost / Models",
        "Per-model cost, tokens by type, cost per request and per 1k tokens, latency and errors.",
        Grafana.commonVariables(),
        new ArrayList<>(panels));
  }
}
