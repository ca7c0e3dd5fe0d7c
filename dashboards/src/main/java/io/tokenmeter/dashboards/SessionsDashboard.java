/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static io.tokenmeter.contract.OtelAttributes.SESSION_ID;
import static io.tokenmeter.contract.PrometheusFamilies.SESSION_COST_USD;
import static io.tokenmeter.contract.PrometheusFamilies.SESSION_REQUESTS;
import static io.tokenmeter.contract.PrometheusFamilies.SESSION_TOKENS;
import static io.tokenmeter.contract.PrometheusLabels.SESSION;
import static io.tokenmeter.contract.PrometheusLabels.USER;
import static io.tokenmeter.dashboards.Grafana.dataLink;
import static io.tokenmeter.dashboards.Grafana.size;
import static io.tokenmeter.dashboards.Grafana.stat;
import static io.tokenmeter.dashboards.Grafana.table;
import static io.tokenmeter.dashboards.Grafana.thresholds;
import static io.tokenmeter.dashboards.Grafana.timeseries;
import static io.tokenmeter.dashboards.Query.column;
import static io.tokenmeter.dashboards.Query.instant;
import static io.tokenmeter.dashboards.Query.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LLM Cost / Sessions: the costliest sessions in the processor's sliding window (session gauges),
 * runaway sessions, and a way to their traces.
 */
final class SessionsDashboard {
  /** The LLMRunawaySession thresholds (tokenmeter-alerts.yml); a test keeps the two in step. */
  static final double RUNAWAY_COST_USD = 5;

  static final long RUNAWAY_TOKENS = 2_000_000;

  private static final String S = SESSION + "!=\"__other__\", " + USER + "=~\"$user\"";

  /** Explore on the optional Tempo datasource, searching spans of the session (TraceQL). */
  static final String TRACES_LINK =
      "/explore?schemaVersion=1&panes={\"t\":{\"datasource\":\"${tempo}\","
          + "\"queries\":[{\"refId\":\"A\",\"datasource\":{\"type\":\"tempo\",\"uid\":\"${tempo}\"},"
          + "\"queryType\":\"traceql\",\"query\":\"{ span."
          + SESSION_ID
          + " = \\\"${__data.fields."
          + SESSION
          + "}\\\" "
          + "|| span."
          + GEN_AI_CONVERSATION_ID
          + " = \\\"${__data.fields."
          + SESSION
          + "}\\\" }\"}],"
          + "\"range\":{\"from\":\"${__from}\",\"to\":\"${__to}\"}}}";

  private SessionsDashboard() {}

  private static String sessions(String gauge) {
    return "sum by (" + SESSION + ", " + USER + ") (" + gauge + "{" + S + "})";
  }

  static Map<String, Object> build() {
    String top = "topk(50, " + sessions(SESSION_COST_USD) + ")";
    Map<String, Object> topTable =
        table(
            "Top sessions",
            "The 50 costliest sessions in the processor's sliding window (sessions.window_seconds, 1 h by default): "
                + "user, calls, tokens and cost. With a Tempo data source selected, click a session to search its traces.",
            "short",
            column(top, "Cost", "currencyUSD"),
            column(
                sessions(SESSION_REQUESTS) + "\nand on (" + SESSION + ", " + USER + ") " + top,
                "Requests",
                "short"),
            column(
                sessions(SESSION_TOKENS) + "\nand on (" + SESSION + ", " + USER + ") " + top,
                "Tokens",
                "short"));
    dataLink(
        topTable,
        SESSION,
        "Traces of session ${__data.fields." + SESSION + "} (Tempo)",
        TRACES_LINK);
    String threshold = String.valueOf((long) RUNAWAY_COST_USD);
    List<Map<String, Object>> panels =
        List.of(
            stat(
                "Sessions in window",
                "Sessions with calls in the processor's sliding window (top sessions exposed; "
                    + "the rest are summed as __other__).",
                "short",
                instant("count(" + sessions(SESSION_COST_USD) + ")", "sessions")),
            stat(
                "Cost of exposed sessions",
                "USD spent in the window by the exposed sessions.",
                "currencyUSD",
                instant("sum(" + SESSION_COST_USD + "{" + S + "})", "USD")),
            stat(
                "Cost of other sessions",
                "USD spent in the window by sessions past the exposed top-K (__other__).",
                "currencyUSD",
                instant(
                    "sum(" + SESSION_COST_USD + "{" + SESSION + "=\"__other__\"}) or vector(0)",
                    "USD")),
            thresholds(
                stat(
                    "Runaway sessions",
                    "Sessions whose cost in the window is above the LLMRunawaySession "
                        + "threshold ("
                        + threshold
                        + " USD).",
                    "short",
                    instant(
                        "count("
                            + sessions(SESSION_COST_USD)
                            + " > "
                            + threshold
                            + ") or vector(0)",
                        "sessions")),
                1,
                "red"),
            size(
                stat(
                    "Tokens of exposed sessions",
                    "Tokens in the window of the exposed sessions.",
                    "short",
                    instant("sum(" + SESSION_TOKENS + "{" + S + "})", "tokens")),
                8,
                4),
            size(topTable, 24, 10),
            thresholds(
                timeseries(
                    "Runaway sessions: cost in window",
                    "The 10 costliest sessions over time (cost within the sliding window). A line above the red threshold "
                        + "("
                        + threshold
                        + " USD) fires LLMRunawaySession.",
                    "currencyUSD",
                    range(
                        "topk(10, " + sessions(SESSION_COST_USD) + ")",
                        "{{" + SESSION + "}} ({{" + USER + "}})")),
                RUNAWAY_COST_USD,
                "red"),
            thresholds(
                timeseries(
                    "Runaway sessions: tokens in window",
                    "The 10 sessions with the most tokens in the sliding window. A line above the red threshold ("
                        + RUNAWAY_TOKENS
                        + " tokens) fires LLMRunawaySession.",
                    "short",
                    range(
                        "topk(10, " + sessions(SESSION_TOKENS) + ")",
                        "{{" + SESSION + "}} ({{" + USER + "}})")),
                RUNAWAY_TOKENS,
                "red"));
    // Session gauges carry session and user only: no service, provider or model variable.
    List<Map<String, Object>> variables =
        new ArrayList<>(
            List.of(Grafana.datasourceVariable("datasource", "Data source", "prometheus")));
    variables.add(
        Grafana.variable("user", "User", "label_values(" + SESSION_COST_USD + ", " + USER + ")"));
    variables.add(Grafana.datasourceVariable("tempo", "Traces (Tempo, optional)", "tempo"));
    return Grafana.dashboard(
        "tokenmeter-sessions",
        "LLM Cost / Sessions",
        "Top sessions by cost, runaway sessions, and links to their traces in Tempo.",
        variables,
        new ArrayList<>(panels));
  }
}
