/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.attribution;

import com.google.protobuf.ByteString;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.tokenmeter.processor.metrics.CallMetrics;
import io.tokenmeter.processor.metrics.PicoDollarCounterFamily;
import io.tokenmeter.processor.normalize.GenAiCall;
import io.tokenmeter.processor.price.CostBreakdown;
import io.tokenmeter.processor.price.PricedCall;
import io.tokenmeter.processor.price.PricedCallListener;
import io.tokenmeter.processor.price.TokenCounts;
import io.tokenmeter.processor.price.TokenType;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records each priced call into the Prometheus families, attributing it to its user, agent and
 * session through the cardinality guards. Series handles are cached per (service, provider, model),
 * per operation, per (user, service, model) and per (agent, service, model), so a call costs a few
 * map lookups, not one per series; the caches hold no more entries than the series they point to.
 *
 * <p>The calls of one export request are recorded together: tokens and cost per (service, provider,
 * model) are summed first and added to the shared counters once per model, and sessions are updated
 * under one lock.
 */
public final class CallRecorder implements PricedCallListener {
  private static final TokenType[] TYPES = TokenType.values();

  private final CallMetrics m;
  private final LabelGuard users;
  private final LabelGuard agents;
  private final SessionTracker sessions;
  private final Map<SeriesKey, ModelSeries> models = new ConcurrentHashMap<>();
  private final Map<SeriesKey, UserSeries> userSeries = new ConcurrentHashMap<>();
  private final Map<SeriesKey, PicoDollarCounterFamily.Series> agentSeries =
      new ConcurrentHashMap<>();

  public CallRecorder(
      CallMetrics metrics, LabelGuard users, LabelGuard agents, SessionTracker sessions) {
    this.m = metrics;
    this.users = users;
    this.agents = agents;
    this.sessions = sessions;
  }

  @Override
  public void onPricedCall(PricedCall priced) {
    onPricedCalls(List.of(priced));
  }

  @Override
  public void onPricedCalls(List<PricedCall> calls) {
    Map<ModelSeries, ModelTally> tallies = new IdentityHashMap<>();
    for (int i = 0, n = calls.size(); i < n; i++) {
      PricedCall priced = calls.get(i);
      GenAiCall c = priced.call();
      ModelSeries model =
          models.computeIfAbsent(
              new SeriesKey(c.service(), c.provider(), c.model()), ModelSeries::new);
      model.operation(c.operation()).record(c);
      if (!Double.isNaN(c.timeToFirstTokenSeconds())) {
        model.timeToFirstToken().observe(c.timeToFirstTokenSeconds());
      }
      // A call that reported no usage (a provider error, a stream without usage) is not an unknown
      // model.
      if (!priced.priced() && c.hasUsage()) {
        model.unpriced().inc();
      }
      tallies.computeIfAbsent(model, ModelTally::new).add(priced);
      recordUser(priced, c);
      recordAgent(priced, c);
    }
    for (ModelTally t : tallies.values()) {
      t.flush();
    }
    sessions.record(calls);
  }

  private void recordUser(PricedCall priced, GenAiCall c) {
    String user = users.admit(c.user());
    if (user == null) {
      return;
    }
    UserSeries u =
        userSeries.computeIfAbsent(new SeriesKey(user, c.service(), c.model()), UserSeries::new);
    u.requests.inc();
    TokenCounts tokens = priced.tokens();
    for (int t = 0; t < TYPES.length; t++) {
      long n = tokens.get(TYPES[t]);
      if (n > 0) {
        u.tokens[t].inc(n);
      }
    }
    if (priced.priced()) {
      u.cost.add(priced.cost().total(), c.traceId(), c.spanId());
    }
  }

  private void recordAgent(PricedCall priced, GenAiCall c) {
    String agent = agents.admit(c.agent());
    if (agent != null && priced.priced()) {
      agentSeries
          .computeIfAbsent(
              new SeriesKey(agent, c.service(), c.model()),
              k -> m.agentCost(k.first, k.second, k.third))
          .add(priced.cost().total(), c.traceId(), c.spanId());
    }
  }

  /** Handles of one (service, provider, model). */
  private final class ModelSeries {
    final String service;
    final String provider;
    final String model;
    final CounterDataPoint[] tokens = new CounterDataPoint[TYPES.length];
    final PicoDollarCounterFamily.Series[] cost = new PicoDollarCounterFamily.Series[TYPES.length];
    final Map<String, OperationSeries> operations = new ConcurrentHashMap<>();
    private volatile DistributionDataPoint ttft;
    private volatile CounterDataPoint unpriced;

    ModelSeries(SeriesKey key) {
      service = key.first;
      provider = key.second;
      model = key.third;
      for (int i = 0; i < TYPES.length; i++) {
        tokens[i] = m.tokens(service, provider, model, TYPES[i].label());
        cost[i] = m.cost(service, provider, model, TYPES[i].label());
      }
    }

    OperationSeries operation(String operation) {
      return operations.computeIfAbsent(operation, op -> new OperationSeries(this, op));
    }

    DistributionDataPoint timeToFirstToken() {
      DistributionDataPoint d = ttft;
      if (d == null) {
        d = m.timeToFirstToken(service, provider, model);
        ttft = d;
      }
      return d;
    }

    /** The unpriced series, created at the first unpriced call so none shows before. */
    CounterDataPoint unpriced() {
      CounterDataPoint u = unpriced;
      if (u == null) {
        u = m.unpriced(provider, model);
        unpriced = u;
      }
      return u;
    }
  }

  /** Tokens and cost of one request's calls to one model, added to its series at the end. */
  private static final class ModelTally {
    final ModelSeries series;
    final long[] tokens = new long[TYPES.length];
    final long[] pico = new long[TYPES.length];
    final long[] latestPico = new long[TYPES.length];
    final ByteString[] latestTrace = new ByteString[TYPES.length];
    final ByteString[] latestSpan = new ByteString[TYPES.length];

    ModelTally(ModelSeries series) {
      this.series = series;
    }

    void add(PricedCall p) {
      TokenCounts counts = p.tokens();
      CostBreakdown cost = p.cost();
      ByteString trace = p.call().traceId();
      boolean exemplar = trace != null && !trace.isEmpty();
      for (int i = 0; i < TYPES.length; i++) {
        tokens[i] += counts.get(TYPES[i]);
        long amount = cost == null ? 0 : cost.get(TYPES[i]);
        if (amount > 0) {
          pico[i] += amount;
          if (exemplar) {
            latestPico[i] = amount;
            latestTrace[i] = trace;
            latestSpan[i] = p.call().spanId();
          }
        }
      }
    }

    void flush() {
      for (int i = 0; i < TYPES.length; i++) {
        if (tokens[i] > 0) {
          series.tokens[i].inc(tokens[i]);
        }
        series.cost[i].add(pico[i], latestTrace[i], latestSpan[i], latestPico[i]);
      }
    }
  }

  /** Handles of one (service, provider, model, operation). */
  private final class OperationSeries {
    final CounterDataPoint ok;
    final CounterDataPoint error;
    final DistributionDataPoint duration;

    OperationSeries(ModelSeries s, String operation) {
      ok = m.requests(s.service, s.provider, s.model, operation, "ok");
      error = m.requests(s.service, s.provider, s.model, operation, "error");
      duration = m.duration(s.service, s.provider, s.model, operation);
    }

    void record(GenAiCall c) {
      (c.error() ? error : ok).inc();
      if (!Double.isNaN(c.durationSeconds())) {
        duration.observe(c.durationSeconds());
      }
    }
  }

  /** Handles of one (user, service, model). */
  private final class UserSeries {
    final CounterDataPoint requests;
    final CounterDataPoint[] tokens = new CounterDataPoint[TYPES.length];
    final PicoDollarCounterFamily.Series cost;

    UserSeries(SeriesKey key) {
      requests = m.userRequests(key.first, key.second, key.third);
      cost = m.userCost(key.first, key.second, key.third);
      for (int i = 0; i < TYPES.length; i++) {
        tokens[i] = m.userTokens(key.first, key.second, key.third, TYPES[i].label());
      }
    }
  }
}
