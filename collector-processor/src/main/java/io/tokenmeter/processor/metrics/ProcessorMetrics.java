/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

import static io.tokenmeter.contract.PrometheusFamilies.*;
import static io.tokenmeter.contract.PrometheusLabels.*;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Registers every metric family the processor exposes, with the names and labels of
 * docs/contract.md, and implements the interfaces components report to. Whole-number counters are
 * client_java {@link Counter}s (exact: they add {@code long}s); USD counters are {@link
 * PicoDollarCounterFamily}s.
 */
public final class ProcessorMetrics
    implements IngestMetrics, ForwardMetrics, CardinalityMetrics, CallMetrics {
  static final double[] DURATION_BUCKETS = {0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120};
  static final double[] TTFT_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30};

  private static final String ACCEPTED = "accepted";

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private final Counter requests =
      counter(
          REQUESTS_TOTAL,
          "GenAI calls received, by outcome (ok or error).",
          SERVICE,
          PROVIDER,
          MODEL,
          OPERATION,
          OUTCOME);
  private final Counter tokens =
      counter(
          TOKENS_TOTAL,
          "Tokens of GenAI calls; token_type partitions them (input is uncached input, output"
              + " excludes reasoning).",
          SERVICE,
          PROVIDER,
          MODEL,
          TOKEN_TYPE);
  private final PicoDollarCounterFamily cost =
      register(
          new PicoDollarCounterFamily(
              COST_USD_TOTAL,
              "Cost of GenAI calls in USD, split by token_type; summed exactly.",
              SERVICE,
              PROVIDER,
              MODEL,
              TOKEN_TYPE));
  private final Histogram duration =
      histogram(
          REQUEST_DURATION_SECONDS,
          "Duration of GenAI calls (span duration).",
          DURATION_BUCKETS,
          SERVICE,
          PROVIDER,
          MODEL,
          OPERATION);
  private final Histogram timeToFirstToken =
      histogram(
          TIME_TO_FIRST_TOKEN_SECONDS,
          "Time to the first streamed chunk, from gen_ai.response.time_to_first_chunk.",
          TTFT_BUCKETS,
          SERVICE,
          PROVIDER,
          MODEL);
  private final PicoDollarCounterFamily userCost =
      register(
          new PicoDollarCounterFamily(
              USER_COST_USD_TOTAL,
              "Cost in USD by user (bounded; overflow folds into __other__).",
              USER,
              SERVICE,
              MODEL));
  private final Counter userTokens =
      counter(
          USER_TOKENS_TOTAL,
          "Tokens by user and token_type (bounded; overflow folds into __other__).",
          USER,
          SERVICE,
          MODEL,
          TOKEN_TYPE);
  private final Counter userRequests =
      counter(
          USER_REQUESTS_TOTAL,
          "GenAI calls by user (bounded; overflow folds into __other__).",
          USER,
          SERVICE,
          MODEL);
  private final PicoDollarCounterFamily agentCost =
      register(
          new PicoDollarCounterFamily(
              AGENT_COST_USD_TOTAL,
              "Cost in USD by gen_ai.agent.name (bounded; overflow folds into __other__).",
              AGENT,
              SERVICE,
              MODEL));
  private final Counter unpriced =
      counter(
          UNPRICED_REQUESTS_TOTAL,
          "GenAI calls with no cost: model not in the price catalog and no cost on the span.",
          PROVIDER,
          MODEL);
  private final Counter spansReceived =
      counter(
          SPANS_RECEIVED_TOTAL,
          "Spans received, by transport (http, grpc) and result (accepted, rejected).",
          TRANSPORT,
          RESULT);
  private final Counter cardinalityOverflow =
      counter(
          CARDINALITY_OVERFLOW_TOTAL,
          "Label values folded into __other__ because the family reached its bound.",
          FAMILY);
  private final Counter ledgerFoldedRequests =
      counter(
          LEDGER_FOLDED_REQUESTS_TOTAL,
          "GenAI calls whose user and session the ledger rollups record as __other__ because"
              + " ledger.max_pending_rollups was reached (writes slower than ingest, or"
              + " failing); totals stay exact.");
  private final Counter rejectedRequests =
      counter(
          REJECTED_REQUESTS_TOTAL,
          "OTLP export requests rejected, by transport, signal and reason.",
          TRANSPORT,
          SIGNAL,
          REASON);
  private final Counter forwardedRequests =
      counter(
          FORWARDED_REQUESTS_TOTAL,
          "OTLP export requests delivered to the downstream, by signal.",
          SIGNAL);
  private final Counter forwardDropped =
      counter(
          FORWARD_DROPPED_REQUESTS_TOTAL,
          "OTLP export requests not delivered downstream (queue_full, failed, shutdown).",
          SIGNAL,
          REASON);

  /** The overflow series per family, created at the first fold so none shows before. */
  private final Map<String, CounterDataPoint> folds = new ConcurrentHashMap<>();

  private volatile Supplier<List<SessionRow>> sessions = List::of;
  private volatile IntSupplier forwardQueueLength = () -> 0;
  private volatile Supplier<List<BudgetRow>> budgets = List::of;

  public ProcessorMetrics() {
    registry.register(new SessionGauges());
    GaugeWithCallback.builder()
        .name(FORWARD_QUEUE_LENGTH)
        .help("OTLP export requests waiting for the downstream.")
        .callback(gauge -> gauge.call(forwardQueueLength.getAsInt()))
        .register(registry);
    registry.register(new BudgetGauges());
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public void spansAccepted(String transport, long spans) {
    if (spans > 0) {
      spansReceived.labelValues(transport, ACCEPTED).inc(spans);
    }
  }

  @Override
  public void requestRejected(String transport, String signal, String reason) {
    rejectedRequests.labelValues(transport, signal, reason).inc();
  }

  @Override
  public void requestForwarded(String signal) {
    forwardedRequests.labelValues(signal).inc();
  }

  @Override
  public void requestDropped(String signal, String reason) {
    forwardDropped.labelValues(signal, reason).inc();
  }

  @Override
  public void forwardQueue(IntSupplier length) {
    this.forwardQueueLength = length;
  }

  @Override
  public void labelValueFolded(String family) {
    folds.computeIfAbsent(family, f -> cardinalityOverflow.labelValues(f)).inc();
  }

  /** Counts {@code calls} whose user and session the ledger rollups folded into __other__. */
  public void ledgerRequestsFolded(long calls) {
    ledgerFoldedRequests.inc(calls);
  }

  @Override
  public CounterDataPoint requests(
      String service, String provider, String model, String operation, String outcome) {
    return requests.labelValues(service, provider, model, operation, outcome);
  }

  @Override
  public CounterDataPoint tokens(String service, String provider, String model, String tokenType) {
    return tokens.labelValues(service, provider, model, tokenType);
  }

  @Override
  public PicoDollarCounterFamily.Series cost(
      String service, String provider, String model, String tokenType) {
    return cost.series(service, provider, model, tokenType);
  }

  @Override
  public DistributionDataPoint duration(
      String service, String provider, String model, String operation) {
    return duration.labelValues(service, provider, model, operation);
  }

  @Override
  public DistributionDataPoint timeToFirstToken(String service, String provider, String model) {
    return timeToFirstToken.labelValues(service, provider, model);
  }

  @Override
  public CounterDataPoint unpriced(String provider, String model) {
    return unpriced.labelValues(provider, model);
  }

  @Override
  public CounterDataPoint userRequests(String user, String service, String model) {
    return userRequests.labelValues(user, service, model);
  }

  @Override
  public CounterDataPoint userTokens(String user, String service, String model, String tokenType) {
    return userTokens.labelValues(user, service, model, tokenType);
  }

  @Override
  public PicoDollarCounterFamily.Series userCost(String user, String service, String model) {
    return userCost.series(user, service, model);
  }

  @Override
  public PicoDollarCounterFamily.Series agentCost(String agent, String service, String model) {
    return agentCost.series(agent, service, model);
  }

  /** Feeds the session gauges from the session tracker. */
  public void bindSessions(Supplier<List<SessionRow>> rows) {
    this.sessions = rows;
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

  private Counter counter(String name, String help, String... labels) {
    return Counter.builder()
        .name(FamilyNames.withoutTotal(name))
        .help(help)
        .labelNames(labels)
        .withoutExemplars()
        .register(registry);
  }

  private Histogram histogram(String name, String help, double[] buckets, String... labels) {
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

  /** The {@code tokenmeter_session_*} gauges of the top sessions, from one snapshot per scrape. */
  private final class SessionGauges implements MultiCollector {
    @Override
    public MetricSnapshots collect() {
      List<SessionRow> rows = sessions.get();
      GaugeSnapshot.Builder cost =
          gauge(
              SESSION_COST_USD,
              "Cost in USD of the top sessions over the sliding window; the rest as __other__.");
      GaugeSnapshot.Builder tok =
          gauge(SESSION_TOKENS, "Tokens of the top sessions over the sliding window.");
      GaugeSnapshot.Builder req =
          gauge(SESSION_REQUESTS, "GenAI calls of the top sessions over the sliding window.");
      for (SessionRow r : rows) {
        Labels labels = Labels.of(SESSION, r.session(), USER, r.user());
        cost.dataPoint(point(labels, r.costUsd()));
        tok.dataPoint(point(labels, r.tokens()));
        req.dataPoint(point(labels, r.requests()));
      }
      return new MetricSnapshots(cost.build(), tok.build(), req.build());
    }

    @Override
    public List<String> getPrometheusNames() {
      return List.of(SESSION_COST_USD, SESSION_TOKENS, SESSION_REQUESTS);
    }

    private GaugeSnapshot.Builder gauge(String name, String help) {
      return GaugeSnapshot.builder().name(name).help(help);
    }
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
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
              .name(BUDGET_LIMIT_USD)
              .help("Configured limit of a budget subject for its current period, in USD.");
      GaugeSnapshot.Builder spent =
          GaugeSnapshot.builder()
              .name(BUDGET_SPENT_USD)
              .help(
                  "Period-to-date spend of a budget subject in USD, from the ledger"
                      + " (restart-safe).");
      GaugeSnapshot.Builder elapsed =
          GaugeSnapshot.builder()
              .name(BUDGET_PERIOD_ELAPSED_RATIO)
              .help("Share of the budget's current calendar period that has elapsed (0..1).");
      GaugeSnapshot.Builder warning =
          GaugeSnapshot.builder()
              .name(BUDGET_WARNING_RATIO)
              .help("Configured first warning ratio of a budget (spent/limit at which it warns).");
      GaugeSnapshot.Builder critical =
          GaugeSnapshot.builder()
              .name(BUDGET_CRITICAL_RATIO)
              .help("Configured critical ratio of a budget; absent when it has only one ratio.");
      for (BudgetRow r : budgets.get()) {
        Labels labels =
            Labels.of(
                BUDGET, r.budget(), PERIOD, r.period(), SCOPE, r.scope(), SUBJECT, r.subject());
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
      return List.of(
          BUDGET_LIMIT_USD,
          BUDGET_SPENT_USD,
          BUDGET_PERIOD_ELAPSED_RATIO,
          BUDGET_WARNING_RATIO,
          BUDGET_CRITICAL_RATIO);
    }
  }
}
