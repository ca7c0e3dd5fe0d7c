/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Registers every metric family the processor exposes; each name is spelled here and nowhere else
 * (DESIGN.md §7 plus the self-metrics documented in the README).
 */
public final class ProcessorMetrics {
  static final double[] DURATION_BUCKETS = {0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120};
  static final double[] TTFT_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30};

  private static final String SESSION_COST = "tokenmeter_session_cost_usd";
  private static final String SESSION_TOKENS = "tokenmeter_session_tokens";
  private static final String SESSION_REQUESTS = "tokenmeter_session_requests";
  private static final String FORWARD_QUEUE_LENGTH = "tokenmeter_forward_queue_length";
  private static final String BUDGET_LIMIT = "tokenmeter_budget_limit_usd";
  private static final String BUDGET_SPENT = "tokenmeter_budget_spent_usd";
  private static final String BUDGET_ELAPSED = "tokenmeter_budget_period_elapsed_ratio";
  private static final String BUDGET_WARNING = "tokenmeter_budget_warning_ratio";
  private static final String BUDGET_CRITICAL = "tokenmeter_budget_critical_ratio";

  private final PrometheusRegistry registry = new PrometheusRegistry();

  public final LongCounterFamily requests =
      register(
          new LongCounterFamily(
              "tokenmeter_requests_total",
              "GenAI calls received, by outcome (ok or error).",
              "service",
              "provider",
              "model",
              "operation",
              "outcome"));
  public final LongCounterFamily tokens =
      register(
          new LongCounterFamily(
              "tokenmeter_tokens_total",
              "Tokens of GenAI calls; token_type partitions them (input is uncached input, output"
                  + " excludes reasoning).",
              "service",
              "provider",
              "model",
              "token_type"));
  public final DecimalCounterFamily cost =
      register(
          new DecimalCounterFamily(
              "tokenmeter_cost_usd_total",
              "Cost of GenAI calls in USD, split by token_type; summed exactly.",
              "service",
              "provider",
              "model",
              "token_type"));
  public final Histogram duration =
      registerHistogram(
          "tokenmeter_request_duration_seconds",
          "Duration of GenAI calls (span duration).",
          DURATION_BUCKETS,
          "service",
          "provider",
          "model",
          "operation");
  public final Histogram timeToFirstToken =
      registerHistogram(
          "tokenmeter_time_to_first_token_seconds",
          "Time to the first streamed chunk, from gen_ai.response.time_to_first_chunk.",
          TTFT_BUCKETS,
          "service",
          "provider",
          "model");
  public final DecimalCounterFamily userCost =
      register(
          new DecimalCounterFamily(
              "tokenmeter_user_cost_usd_total",
              "Cost in USD by user (bounded; overflow folds into __other__).",
              "user",
              "service",
              "model"));
  public final LongCounterFamily userTokens =
      register(
          new LongCounterFamily(
              "tokenmeter_user_tokens_total",
              "Tokens by user and token_type (bounded; overflow folds into __other__).",
              "user",
              "service",
              "model",
              "token_type"));
  public final LongCounterFamily userRequests =
      register(
          new LongCounterFamily(
              "tokenmeter_user_requests_total",
              "GenAI calls by user (bounded; overflow folds into __other__).",
              "user",
              "service",
              "model"));
  public final DecimalCounterFamily agentCost =
      register(
          new DecimalCounterFamily(
              "tokenmeter_agent_cost_usd_total",
              "Cost in USD by gen_ai.agent.name (bounded; overflow folds into __other__).",
              "agent",
              "service",
              "model"));
  public final LongCounterFamily unpriced =
      register(
          new LongCounterFamily(
              "tokenmeter_unpriced_requests_total",
              "GenAI calls with no cost: model not in the price catalog and no cost on the span.",
              "provider",
              "model"));
  public final LongCounterFamily spansReceived =
      register(
          new LongCounterFamily(
              "tokenmeter_spans_received_total",
              "Spans received, by transport (http, grpc) and result (accepted, rejected).",
              "transport",
              "result"));
  public final LongCounterFamily cardinalityOverflow =
      register(
          new LongCounterFamily(
              "tokenmeter_cardinality_overflow_total",
              "Label values folded into __other__ because the family reached its bound.",
              "family"));
  public final LongCounterFamily ledgerFoldedRequests =
      register(
          new LongCounterFamily(
              "tokenmeter_ledger_folded_requests_total",
              "GenAI calls whose user and session the ledger rollups record as __other__ because"
                  + " ledger.max_pending_rollups was reached (writes slower than ingest, or"
                  + " failing); totals stay exact."));
  public final LongCounterFamily rejectedRequests =
      register(
          new LongCounterFamily(
              "tokenmeter_rejected_requests_total",
              "OTLP export requests rejected, by transport, signal and reason.",
              "transport",
              "signal",
              "reason"));
  public final LongCounterFamily forwardedRequests =
      register(
          new LongCounterFamily(
              "tokenmeter_forwarded_requests_total",
              "OTLP export requests delivered to the downstream, by signal.",
              "signal"));
  public final LongCounterFamily forwardDropped =
      register(
          new LongCounterFamily(
              "tokenmeter_forward_dropped_requests_total",
              "OTLP export requests not delivered downstream (queue_full, failed, shutdown).",
              "signal",
              "reason"));

  private volatile Supplier<List<SessionRow>> sessions = List::of;
  private volatile DoubleSupplier forwardQueueLength = () -> 0;
  private volatile Supplier<List<BudgetRow>> budgets = List::of;

  public ProcessorMetrics() {
    registry.register(new SessionAndQueueGauges());
    registry.register(new BudgetGauges());
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Feeds the session gauges from the session tracker. */
  public void bindSessions(Supplier<List<SessionRow>> rows) {
    this.sessions = rows;
  }

  public void bindForwardQueueLength(DoubleSupplier length) {
    this.forwardQueueLength = length;
  }

  /** Feeds the budget gauges from the budget tracker. */
  public void bindBudgets(Supplier<List<BudgetRow>> rows) {
    this.budgets = rows;
  }

  /**
   * One budget subject in its current period, for the budget gauges; {@code criticalRatio} is NaN
   * when the budget has a single warning ratio.
   */
  public record BudgetRow(
      String budget,
      String scope,
      String subject,
      String period,
      double limitUsd,
      double spentUsd,
      double elapsedRatio,
      double warningRatio,
      double criticalRatio) {}

  /** One row of the session gauges. */
  public record SessionRow(
      String session, String user, double costUsd, long tokens, long requests) {}

  private <T extends io.prometheus.metrics.model.registry.Collector> T register(T collector) {
    registry.register(collector);
    return collector;
  }

  private Histogram registerHistogram(
      String name, String help, double[] buckets, String... labels) {
    return Histogram.builder()
        .name(name)
        .help(help)
        .unit(Unit.SECONDS)
        .labelNames(labels)
        .classicOnly()
        .classicUpperBounds(buckets)
        .withoutExemplars()
        .register(registry);
  }

  private final class SessionAndQueueGauges implements MultiCollector {
    @Override
    public MetricSnapshots collect() {
      List<SessionRow> rows = sessions.get();
      GaugeSnapshot.Builder cost =
          gauge(
              SESSION_COST,
              "Cost in USD of the top sessions over the sliding window; the rest as __other__.");
      GaugeSnapshot.Builder tok =
          gauge(SESSION_TOKENS, "Tokens of the top sessions over the sliding window.");
      GaugeSnapshot.Builder req =
          gauge(SESSION_REQUESTS, "GenAI calls of the top sessions over the sliding window.");
      for (SessionRow r : rows) {
        Labels labels = Labels.of("session", r.session(), "user", r.user());
        cost.dataPoint(point(labels, r.costUsd()));
        tok.dataPoint(point(labels, r.tokens()));
        req.dataPoint(point(labels, r.requests()));
      }
      List<MetricSnapshot> all = new ArrayList<>(List.of(cost.build(), tok.build(), req.build()));
      all.add(
          gauge(FORWARD_QUEUE_LENGTH, "OTLP export requests waiting for the downstream.")
              .dataPoint(point(Labels.EMPTY, forwardQueueLength.getAsDouble()))
              .build());
      return new MetricSnapshots(all);
    }

    @Override
    public List<String> getPrometheusNames() {
      return List.of(SESSION_COST, SESSION_TOKENS, SESSION_REQUESTS, FORWARD_QUEUE_LENGTH);
    }

    private GaugeSnapshot.Builder gauge(String name, String help) {
      return GaugeSnapshot.builder().name(name).help(help);
    }

    private GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
      return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
  }

  /**
   * {@code tokenmeter_budget_*} gauges, all with labels budget, scope, subject, period (the elapsed
   * ratio too, so every family joins the others one-to-one).
   */
  private final class BudgetGauges implements MultiCollector {
    @Override
    public MetricSnapshots collect() {
      GaugeSnapshot.Builder limit =
          GaugeSnapshot.builder()
              .name(BUDGET_LIMIT)
              .help("Configured limit of a budget subject for its current period, in USD.");
      GaugeSnapshot.Builder spent =
          GaugeSnapshot.builder()
              .name(BUDGET_SPENT)
              .help(
                  "Period-to-date spend of a budget subject in USD, from the ledger"
                      + " (restart-safe).");
      GaugeSnapshot.Builder elapsed =
          GaugeSnapshot.builder()
              .name(BUDGET_ELAPSED)
              .help("Share of the budget's current calendar period that has elapsed (0..1).");
      GaugeSnapshot.Builder warning =
          GaugeSnapshot.builder()
              .name(BUDGET_WARNING)
              .help("Configured first warning ratio of a budget (spent/limit at which it warns).");
      GaugeSnapshot.Builder critical =
          GaugeSnapshot.builder()
              .name(BUDGET_CRITICAL)
              .help("Configured critical ratio of a budget; absent when it has only one ratio.");
      for (BudgetRow r : budgets.get()) {
        Labels labels =
            Labels.of(
                "budget",
                r.budget(),
                "period",
                r.period(),
                "scope",
                r.scope(),
                "subject",
                r.subject());
        limit.dataPoint(point(labels, r.limitUsd()));
        spent.dataPoint(point(labels, r.spentUsd()));
        elapsed.dataPoint(point(labels, r.elapsedRatio()));
        warning.dataPoint(point(labels, r.warningRatio()));
        if (!Double.isNaN(r.criticalRatio())) {
          critical.dataPoint(point(labels, r.criticalRatio()));
        }
      }
      return new MetricSnapshots(
          limit.build(), spent.build(), elapsed.build(), warning.build(), critical.build());
    }

    @Override
    public List<String> getPrometheusNames() {
      return List.of(BUDGET_LIMIT, BUDGET_SPENT, BUDGET_ELAPSED, BUDGET_WARNING, BUDGET_CRITICAL);
    }

    private GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
      return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
  }
}
