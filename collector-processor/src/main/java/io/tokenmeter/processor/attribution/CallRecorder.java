package io.tokenmeter.processor.attribution;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.tokenmeter.processor.metrics.DecimalCounterFamily;
import io.tokenmeter.processor.metrics.ProcessorMetrics;
import io.tokenmeter.processor.normalize.GenAiCall;
import io.tokenmeter.processor.pricing.CostBreakdown;
import io.tokenmeter.processor.pricing.PricedCall;
import io.tokenmeter.processor.pricing.PricedCallListener;
import io.tokenmeter.processor.pricing.TokenCounts;
import io.tokenmeter.processor.pricing.TokenType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records each priced call into the Prometheus families, attributing it to its user, agent and
 * session through the cardinality guards. Series handles are cached per (service, provider, model),
 * per operation and per (user, service, model), so a call costs a few map lookups, not one per
 * series; the caches hold no more entries than the series they point to.
 */
public final class CallRecorder implements PricedCallListener {
  private static final TokenType[] TYPES = TokenType.values();

  private final ProcessorMetrics m;
  private final LabelGuard users;
  private final LabelGuard agents;
  private final SessionTracker sessions;
  private final Map<List<String>, ModelSeries> models = new ConcurrentHashMap<>();
  private final Map<List<String>, UserSeries> userSeries = new ConcurrentHashMap<>();

  public CallRecorder(
      ProcessorMetrics metrics, LabelGuard users, LabelGuard agents, SessionTracker sessions) {
    this.m = metrics;
    this.users = users;
    this.agents = agents;
    this.sessions = sessions;
  }

  @Override
  public void onPricedCall(PricedCall priced) {
    GenAiCall c = priced.call();
    ModelSeries model =
        models.computeIfAbsent(
            List.of(c.service(), c.provider(), c.model()), k -> new ModelSeries(k));
    model.operation(c.operation()).record(c);
    if (!Double.isNaN(c.timeToFirstTokenSeconds())) {
      model.timeToFirstToken().observe(c.timeToFirstTokenSeconds());
    }
    // A call that reported no usage (a provider error, a stream without usage) is not an unknown model.
    if (!priced.priced() && c.hasUsage()) {
      m.unpriced.inc(c.provider(), c.model());
    }
    record(priced, model.tokens, model.cost);
    String user = users.admit(c.user());
    if (user != null) {
      UserSeries u =
          userSeries.computeIfAbsent(List.of(user, c.service(), c.model()), k -> new UserSeries(k));
      u.requests.increment();
      record(priced, u.tokens, null);
      if (priced.priced()) {
        u.cost.add(priced.cost().total(), c.traceId(), c.spanId());
      }
    }
    String agent = agents.admit(c.agent());
    if (agent != null && priced.priced()) {
      m.agentCost.add(
          priced.cost().total(), c.traceId(), c.spanId(), agent, c.service(), c.model());
    }
    BigDecimal total = priced.priced() ? priced.cost().total() : BigDecimal.ZERO;
    sessions.record(c.session(), c.user(), total.doubleValue(), priced.tokens().total());
  }

  private static void record(
      PricedCall p, LongAdder[] tokenSeries, DecimalCounterFamily.Series[] costSeries) {
    TokenCounts tokens = p.tokens();
    CostBreakdown cost = p.cost();
    for (int i = 0; i < TYPES.length; i++) {
      long n = tokens.get(TYPES[i]);
      if (n > 0) {
        tokenSeries[i].add(n);
      }
      if (costSeries != null && cost != null) {
        costSeries[i].add(cost.get(TYPES[i]), p.call().traceId(), p.call().spanId());
      }
    }
  }

  /** Handles of one (service, provider, model). */
  private final class ModelSeries {
    final String service;
    final String provider;
    final String model;
    final LongAdder[] tokens = new LongAdder[TYPES.length];
    final DecimalCounterFamily.Series[] cost = new DecimalCounterFamily.Series[TYPES.length];
    final Map<String, OperationSeries> operations = new ConcurrentHashMap<>();
    private volatile DistributionDataPoint ttft;

    ModelSeries(List<String> key) {
      service = key.get(0);
      provider = key.get(1);
      model = key.get(2);
      for (int i = 0; i < TYPES.length; i++) {
        tokens[i] = m.tokens.series(service, provider, model, TYPES[i].label());
        cost[i] = m.cost.series(service, provider, model, TYPES[i].label());
      }
    }

    OperationSeries operation(String operation) {
      return operations.computeIfAbsent(operation, op -> new OperationSeries(this, op));
    }

    DistributionDataPoint timeToFirstToken() {
      DistributionDataPoint d = ttft;
      if (d == null) {
        d = m.timeToFirstToken.labelValues(service, provider, model);
        ttft = d;
      }
      return d;
    }
  }

  /** Handles of one (service, provider, model, operation). */
  private final class OperationSeries {
    final LongAdder ok;
    final LongAdder error;
    final DistributionDataPoint duration;

    OperationSeries(ModelSeries s, String operation) {
      ok = m.requests.series(s.service, s.provider, s.model, operation, "ok");
      error = m.requests.series(s.service, s.provider, s.model, operation, "error");
      duration = m.duration.labelValues(s.service, s.provider, s.model, operation);
    }

    void record(GenAiCall c) {
      (c.error() ? error : ok).increment();
      if (!Double.isNaN(c.durationSeconds())) {
        duration.observe(c.durationSeconds());
      }
    }
  }

  /** Handles of one (user, service, model). */
  private final class UserSeries {
    final LongAdder requests;
    final LongAdder[] tokens = new LongAdder[TYPES.length];
    final DecimalCounterFamily.Series cost;

    UserSeries(List<String> key) {
      requests = m.userRequests.series(key.get(0), key.get(1), key.get(2));
      cost = m.userCost.series(key.get(0), key.get(1), key.get(2));
      for (int i = 0; i < TYPES.length; i++) {
        tokens[i] = m.userTokens.series(key.get(0), key.get(1), key.get(2), TYPES[i].label());
      }
    }
  }
}
