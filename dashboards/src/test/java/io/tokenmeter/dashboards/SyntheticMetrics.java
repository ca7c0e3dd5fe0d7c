/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two hours of what a processor would export, as OpenMetrics text with timestamps, for {@code
 * promtool tsdb create-blocks-from openmetrics}: every family of docs/contract.md ("Prometheus
 * families"), two replicas, two services and models, errors, streams, cache reads, an unpriced
 * model, sessions (one runaway) and budgets (one exceeded).
 */
final class SyntheticMetrics {
  private static final int STEP_SECONDS = 15;
  private static final int POINTS = 480;
  private static final double[] DURATION_BUCKETS = {0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120};
  private static final String[][] MODELS = {{"openai", "gpt-4o"}, {"anthropic", "claude-sonnet-4"}};
  private static final String[] SERVICES = {"chat", "batch"};
  private static final String[] INSTANCES = {"p1:9464", "p2:9464"};
  private static final String[] TOKEN_TYPES = {
    "input", "cache_read", "cache_write", "output", "reasoning"
  };

  private final long end;
  private final StringBuilder out = new StringBuilder();

  private SyntheticMetrics(long endEpochSeconds) {
    this.end = endEpochSeconds;
  }

  /** Series ending at endEpochSeconds, one sample every 15 s. */
  static String openMetrics(long endEpochSeconds) {
    return new SyntheticMetrics(endEpochSeconds).build();
  }

  private String build() {
    family("tokenmeter_requests", "counter");
    forEach(
        (base, rate) -> {
          counter("tokenmeter_requests_total", base + ",operation=\"chat\",outcome=\"ok\"", rate);
          counter(
              "tokenmeter_requests_total",
              base + ",operation=\"chat\",outcome=\"error\"",
              rate / 20);
        });
    family("tokenmeter_tokens", "counter");
    forEach(
        (base, rate) -> {
          for (String type : TOKEN_TYPES) {
            counter("tokenmeter_tokens_total", base + ",token_type=\"" + type + "\"", rate * 400);
          }
        });
    family("tokenmeter_cost_usd", "counter");
    forEach(
        (base, rate) -> {
          for (String type : TOKEN_TYPES) {
            counter(
                "tokenmeter_cost_usd_total",
                base + ",token_type=\"" + type + "\"",
                rate * (type.equals("cache_read") ? 0.0001 : 0.001));
          }
        });
    histogram("tokenmeter_request_duration_seconds", ",operation=\"chat\"");
    histogram("tokenmeter_time_to_first_token_seconds", "");
    family("tokenmeter_user_cost_usd", "counter");
    users((base, rate) -> counter("tokenmeter_user_cost_usd_total", base, rate * 0.002));
    family("tokenmeter_user_tokens", "counter");
    users(
        (base, rate) ->
            counter("tokenmeter_user_tokens_total", base + ",token_type=\"output\"", rate * 500));
    family("tokenmeter_user_requests", "counter");
    users((base, rate) -> counter("tokenmeter_user_requests_total", base, rate));
    family("tokenmeter_agent_cost_usd", "counter");
    counter(
        "tokenmeter_agent_cost_usd_total",
        inst(0) + ",agent=\"planner\",service=\"chat\",model=\"gpt-4o\"",
        0.001);
    family("tokenmeter_unpriced_requests", "counter");
    counter(
        "tokenmeter_unpriced_requests_total",
        inst(0) + ",provider=\"acme\",model=\"mystery-1\"",
        0.05);
    family("tokenmeter_spans_received", "counter");
    counter(
        "tokenmeter_spans_received_total", inst(0) + ",transport=\"http\",result=\"accepted\"", 10);
    family("tokenmeter_cardinality_overflow", "counter");
    counter("tokenmeter_cardinality_overflow_total", inst(0) + ",family=\"session\"", 0.01);
    family("tokenmeter_rejected_requests", "counter");
    counter(
        "tokenmeter_rejected_requests_total",
        inst(0) + ",transport=\"http\",signal=\"traces\",reason=\"bad_request\"",
        0.01);
    family("tokenmeter_session_cost_usd", "gauge");
    gauge("tokenmeter_session_cost_usd", inst(0) + ",session=\"s1\",user=\"alice\"", 7.5);
    gauge("tokenmeter_session_cost_usd", inst(1) + ",session=\"s2\",user=\"bob\"", 0.4);
    gauge(
        "tokenmeter_session_cost_usd", inst(0) + ",session=\"__other__\",user=\"__other__\"", 1.2);
    family("tokenmeter_session_tokens", "gauge");
    gauge("tokenmeter_session_tokens", inst(0) + ",session=\"s1\",user=\"alice\"", 900000);
    gauge("tokenmeter_session_tokens", inst(1) + ",session=\"s2\",user=\"bob\"", 12000);
    family("tokenmeter_session_requests", "gauge");
    gauge("tokenmeter_session_requests", inst(0) + ",session=\"s1\",user=\"alice\"", 300);
    gauge("tokenmeter_session_requests", inst(1) + ",session=\"s2\",user=\"bob\"", 6);
    String alice = ",budget=\"user-daily\",scope=\"user\",subject=\"alice\",period=\"day\"";
    String chat =
        ",budget=\"services-monthly\",scope=\"service\",subject=\"chat\",period=\"month\"";
    family("tokenmeter_budget_limit_usd", "gauge");
    for (int i = 0; i < INSTANCES.length; i++) {
      gauge("tokenmeter_budget_limit_usd", inst(i) + alice, 10);
      gauge("tokenmeter_budget_limit_usd", inst(i) + chat, 100);
    }
    family("tokenmeter_budget_spent_usd", "gauge");
    for (int i = 0; i < INSTANCES.length; i++) {
      gauge("tokenmeter_budget_spent_usd", inst(i) + alice, 12);
      gauge("tokenmeter_budget_spent_usd", inst(i) + chat, 40);
    }
    family("tokenmeter_budget_period_elapsed_ratio", "gauge");
    gauge("tokenmeter_budget_period_elapsed_ratio", inst(0) + alice, 0.6);
    gauge("tokenmeter_budget_period_elapsed_ratio", inst(0) + chat, 0.3);
    family("up", "gauge");
    for (int i = 0; i < INSTANCES.length; i++) {
      gauge("up", inst(i), 1);
    }
    return out.append("# EOF\n").toString();
  }

  private interface SeriesWriter {
    void write(String baseLabels, double ratePerSecond);
  }

  private void forEach(SeriesWriter writer) {
    for (int i = 0; i < INSTANCES.length; i++) {
      for (String service : SERVICES) {
        for (String[] pm : MODELS) {
          writer.write(
              inst(i)
                  + ",service=\""
                  + service
                  + "\",provider=\""
                  + pm[0]
                  + "\",model=\""
                  + pm[1]
                  + "\"",
              0.5 + i * 0.25);
        }
      }
    }
  }

  private void users(SeriesWriter writer) {
    for (String user : new String[] {"alice", "bob"}) {
      for (String[] pm : MODELS) {
        writer.write(
            inst(0) + ",user=\"" + user + "\",service=\"chat\",model=\"" + pm[1] + "\"", 0.2);
      }
    }
  }

  private void histogram(String name, String extraLabels) {
    family(name, "histogram");
    forEach(
        (base, rate) -> {
          String labels = base + extraLabels;
          for (double le : DURATION_BUCKETS) {
            counter(
                name + "_bucket",
                labels + ",le=\"" + format(le) + "\"",
                rate * Math.min(1, le / 4));
          }
          counter(name + "_bucket", labels + ",le=\"+Inf\"", rate);
          counter(name + "_sum", labels, rate * 2.5);
          counter(name + "_count", labels, rate);
        });
  }

  private static String inst(int i) {
    return "job=\"tokenmeter-processor\",instance=\"" + INSTANCES[i] + "\"";
  }

  private void family(String name, String type) {
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private void counter(String name, String labels, double ratePerSecond) {
    series(name, labels, ratePerSecond, true);
  }

  private void gauge(String name, String labels, double value) {
    series(name, labels, value, false);
  }

  private void series(String name, String labels, double value, boolean increasing) {
    List<String> lines = new ArrayList<>(POINTS);
    for (int p = 0; p < POINTS; p++) {
      long t = end - (long) (POINTS - 1 - p) * STEP_SECONDS;
      double v = increasing ? value * p * STEP_SECONDS : value;
      lines.add(name + "{" + labels + "} " + format(v) + " " + t);
    }
    lines.forEach(line -> out.append(line).append('\n'));
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }
}
