/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static io.tokenmeter.contract.OtelAttributes.SERVICE_NAME;
import static io.tokenmeter.contract.PrometheusFamilies.COST_USD_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.REQUESTS_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.REQUEST_DURATION_SECONDS;
import static io.tokenmeter.contract.PrometheusFamilies.TIME_TO_FIRST_TOKEN_SECONDS;
import static io.tokenmeter.contract.PrometheusFamilies.TOKENS_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.UNPRICED_REQUESTS_TOTAL;
import static io.tokenmeter.contract.PrometheusLabels.MODEL;
import static io.tokenmeter.contract.PrometheusLabels.OUTCOME;
import static io.tokenmeter.contract.PrometheusLabels.PROVIDER;
import static io.tokenmeter.contract.PrometheusLabels.SERVICE;
import static io.tokenmeter.contract.PrometheusLabels.TOKEN_TYPE;
import static io.tokenmeter.dashboards.Grafana.USD_PER_HOUR;
import static io.tokenmeter.dashboards.Grafana.size;
import static io.tokenmeter.dashboards.Grafana.stat;
import static io.tokenmeter.dashboards.Grafana.table;
import static io.tokenmeter.dashboards.Grafana.thresholds;
import static io.tokenmeter.dashboards.Grafana.timeFrom;
import static io.tokenmeter.dashboards.Grafana.timeseries;
import static io.tokenmeter.dashboards.Query.column;
import static io.tokenmeter.dashboards.Query.instant;
import static io.tokenmeter.dashboards.Query.range;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_LIMIT;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_SPENT;
import static io.tokenmeter.dashboards.RecordingRules.BUDGET_SPENT_RATIO;

import java.util.List;
import java.util.Map;

/** LLM Cost / Overview: where the money goes, how fast, and whether anything needs attention. */
final class OverviewDashboard {
  static final String F =
      SERVICE + "=~\"$service\", " + PROVIDER + "=~\"$provider\", " + MODEL + "=~\"$model\"";
  static final String RATE = "[$__rate_interval]";
  static final String RANGE = "[$__range]";
  private static final String UNPRICED =
      UNPRICED_REQUESTS_TOTAL + "{" + PROVIDER + "=~\"$provider\", " + MODEL + "=~\"$model\"}";

  private OverviewDashboard() {}

  static String cost(String extra, String window) {
    return cost("increase", extra, window);
  }

  static String cost(String fn, String extra, String window) {
    return fn + "(" + COST_USD_TOTAL + "{" + F + extra + "}" + window + ")";
  }

  static String tokens(String extra, String window) {
    return tokens("increase", extra, window);
  }

  static String tokens(String fn, String extra, String window) {
    return fn + "(" + TOKENS_TOTAL + "{" + F + extra + "}" + window + ")";
  }

  static String costRate(String by) {
    return "sum by (" + by + ") (rate(" + COST_USD_TOTAL + "{" + F + "}" + RATE + ")) * 3600";
  }

  /**
   * Money that cache reads saved (fn is increase or rate): per model, cache_read tokens at the
   * model's observed input price (uncached input cost / uncached input tokens) minus their
   * cache_read cost.
   */
  static String cacheSavings(String fn, String window) {
    String by = "sum by (" + SERVICE + ", " + PROVIDER + ", " + MODEL + ") ";
    return "sum(\n"
        + "  "
        + by
        + "("
        + tokens(fn, ", " + TOKEN_TYPE + "=\"cache_read\"", window)
        + ")\n"
        + "  * "
        + by
        + "("
        + cost(fn, ", " + TOKEN_TYPE + "=\"input\"", window)
        + ")\n"
        + "  / ("
        + by
        + "("
        + tokens(fn, ", " + TOKEN_TYPE + "=\"input\"", window)
        + ") > 0)\n"
        + "  - "
        + by
        + "("
        + cost(fn, ", " + TOKEN_TYPE + "=\"cache_read\"", window)
        + ")\n"
        + ")";
  }

  static String cacheHitRatio(String window) {
    return "sum("
        + tokens(", " + TOKEN_TYPE + "=\"cache_read\"", window)
        + ")\n/ sum("
        + tokens(", " + TOKEN_TYPE + "=~\"input|cache_read|cache_write\"", window)
        + ")";
  }

  /**
   * Share of failed calls (fn is rate or increase) per the {@code by} labels; 0 rather than no data
   * where there were calls but no errors.
   */
  static String errorRatio(String by, String fn, String window) {
    String sum = by.isEmpty() ? "sum(" : "sum by (" + by + ") (";
    String all = sum + fn + "(" + REQUESTS_TOTAL + "{" + F + "}" + window + "))";
    String errors =
        sum + fn + "(" + REQUESTS_TOTAL + "{" + F + ", " + OUTCOME + "=\"error\"}" + window + "))";
    return "(" + errors + "\n  or " + all + " * 0)\n/ (" + all + " > 0)";
  }

  static String quantile(String q, String histogram, String by) {
    return "histogram_quantile("
        + q
        + ", sum by ("
        + by
        + ") (rate("
        + histogram
        + "_bucket{"
        + F
        + "}"
        + RATE
        + ")))";
  }

  static Map<String, Object> build() {
    List<Map<String, Object>> panels =
        List.of(
            stat(
                "Spend in range",
                "Total LLM spend in USD over the selected time range.",
                "currencyUSD",
                instant("sum(" + cost("", RANGE) + ")", "spend")),
            timeFrom(
                stat(
                    "Spend today (dashboard time zone)",
                    "LLM spend in USD since midnight in the dashboard's time zone (the browser's unless "
                        + "the dashboard settings name one). Daily budgets count days in the processor's "
                        + "budgets_time_zone (UTC by default): set the dashboard's time zone to the same "
                        + "zone to compare this figure with them.",
                    "currencyUSD",
                    instant("sum(" + cost("", RANGE) + ")", "spend")),
                "now/d"),
            stat(
                "Spend rate (USD/h)",
                "Current spend rate in USD per hour, averaged over the rate interval.",
                USD_PER_HOUR,
                range("sum(rate(" + COST_USD_TOTAL + "{" + F + "}" + RATE + ")) * 3600", "USD/h")),
            stat(
                "Requests in range",
                "GenAI calls over the selected range.",
                "short",
                instant(
                    "sum(increase(" + REQUESTS_TOTAL + "{" + F + "}" + RANGE + "))", "requests")),
            thresholds(
                stat(
                    "Error ratio in range",
                    "Share of GenAI calls that ended in an error.",
                    "percentunit",
                    instant(errorRatio("", "increase", RANGE), "errors")),
                0.01,
                "orange",
                0.05,
                "red"),
            stat(
                "Cache savings in range",
                "USD saved by prompt caching: cache_read tokens priced at the model's input price "
                    + "(cost of uncached input / uncached input tokens) minus what they cost at the cache_read price. "
                    + "Models without uncached input in the range are left out.",
                "currencyUSD",
                instant(cacheSavings("increase", RANGE), "saved")),
            size(
                timeseries(
                    "Spend rate by provider (USD/h)",
                    "USD per hour by provider.",
                    USD_PER_HOUR,
                    range(costRate(PROVIDER), "{{" + PROVIDER + "}}")),
                8,
                8),
            size(
                timeseries(
                    "Spend rate by model (USD/h)",
                    "USD per hour by model.",
                    USD_PER_HOUR,
                    range(costRate(MODEL), "{{" + MODEL + "}}")),
                8,
                8),
            size(
                timeseries(
                    "Spend rate by service (USD/h)",
                    "USD per hour by service (" + SERVICE_NAME + ").",
                    USD_PER_HOUR,
                    range(costRate(SERVICE), "{{" + SERVICE + "}}")),
                8,
                8),
            timeseries(
                "Tokens by type",
                "Tokens per second by type: input (uncached), cache_read, cache_write, output, reasoning. "
                    + "The types partition the total.",
                "short",
                range(
                    "sum by ("
                        + TOKEN_TYPE
                        + ") (rate("
                        + TOKENS_TOTAL
                        + "{"
                        + F
                        + "}"
                        + RATE
                        + "))",
                    "{{" + TOKEN_TYPE + "}}")),
            size(
                timeseries(
                    "Cache hit ratio",
                    "Share of input tokens (uncached + cache_read + cache_write) served "
                        + "from the prompt cache.",
                    "percentunit",
                    range(cacheHitRatio(RATE), "cache hit ratio")),
                6,
                8),
            size(
                timeseries(
                    "Cache savings rate (USD/h)",
                    "USD per hour saved by prompt caching: cache_read tokens at the model's input price minus at the "
                        + "cache_read price.",
                    USD_PER_HOUR,
                    range(cacheSavings("rate", RATE) + " * 3600", "saved USD/h")),
                6,
                8),
            timeseries(
                "Requests by outcome",
                "GenAI calls per second, ok and error.",
                "reqps",
                range(
                    "sum by ("
                        + OUTCOME
                        + ") (rate("
                        + REQUESTS_TOTAL
                        + "{"
                        + F
                        + "}"
                        + RATE
                        + "))",
                    "{{" + OUTCOME + "}}")),
            timeseries(
                "Error ratio by provider",
                "Share of GenAI calls that failed, by provider.",
                "percentunit",
                range(errorRatio(PROVIDER, "rate", RATE), "{{" + PROVIDER + "}}")),
            timeseries(
                "Latency p50 / p95",
                "Duration of GenAI calls (span duration), 50th and 95th percentile.",
                "s",
                range(quantile("0.5", REQUEST_DURATION_SECONDS, "le"), "p50"),
                range(quantile("0.95", REQUEST_DURATION_SECONDS, "le"), "p95")),
            timeseries(
                "Time to first token p50 / p95",
                "Time to the first streamed chunk (streams only).",
                "s",
                range(quantile("0.5", TIME_TO_FIRST_TOKEN_SECONDS, "le"), "p50"),
                range(quantile("0.95", TIME_TO_FIRST_TOKEN_SECONDS, "le"), "p95")),
            size(
                table(
                    "Unpriced models",
                    "Models that were called but have no price in the catalog (no cost recorded). Add them to the "
                        + "processor's pricing.file.",
                    "short",
                    // A new series starts at its first count, which increase() cannot see: add such
                    // series whole.
                    column(
                        "sum by ("
                            + PROVIDER
                            + ", "
                            + MODEL
                            + ") (increase("
                            + UNPRICED
                            + RANGE
                            + ")) > 0 or sum by ("
                            + PROVIDER
                            + ", "
                            + MODEL
                            + ") ("
                            + UNPRICED
                            + " unless "
                            + UNPRICED
                            + " offset $__range) > 0",
                        "Unpriced calls",
                        "short")),
                8,
                8),
            size(
                Grafana.valueNames(
                    table(
                        "Budget status",
                        "Every budget's period-to-date spend against its limit, worst first (from the "
                            + "processor's ledger), and its status against the budget's own warning and "
                            + "critical ratios.",
                        "percentunit",
                        column(BUDGET_SPENT_RATIO, "Spent / limit", "percentunit"),
                        column(BudgetsDashboard.level(BUDGET_SPENT_RATIO), "Status", "short"),
                        column(BUDGET_SPENT, "Spent", "currencyUSD"),
                        column(BUDGET_LIMIT, "Limit", "currencyUSD")),
                    "Status",
                    BudgetsDashboard.LEVELS),
                16,
                8));
    return Grafana.dashboard(
        "tokenmeter-overview",
        "LLM Cost / Overview",
        "LLM spend, tokens, cache savings, errors, latency and budgets across all services.",
        Grafana.commonVariables(),
        new java.util.ArrayList<>(panels));
  }
}
