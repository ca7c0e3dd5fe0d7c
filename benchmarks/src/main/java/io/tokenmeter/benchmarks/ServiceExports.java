/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import static io.tokenmeter.contract.OtelAttributes.SERVICE_NAME;
import static io.tokenmeter.contract.TokenmeterAttributes.COST_USD;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tokenmeter.testing.otlp.OtlpListener;
import io.tokenmeter.testing.otlp.OtlpReceiver;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes, per {@code service.name}, which instrumentation scopes made spans and whether any span or
 * metric carries Tokenmeter's attributes (to check what a configuration really runs), from the
 * requests of an {@link OtlpReceiver} started with it. It only counts, so the agent's export cost
 * is real but cheap.
 */
final class ServiceExports implements OtlpListener {
  /** What one service exported. */
  static final class Seen {
    final Set<String> spanScopes = new TreeSet<>();
    final Set<String> metricNames = new TreeSet<>();
    long spans;
    long tokenmeterSpans;
    long requests;
    long bytes;

    synchronized String spanSummary() {
      return spans
          + " spans, "
          + tokenmeterSpans
          + " with tokenmeter.cost.usd; scopes "
          + spanScopes;
    }

    synchronized boolean anyTokenmeterMetric() {
      return metricNames.stream().anyMatch(n -> n.startsWith("tokenmeter"));
    }
  }

  private final Map<String, Seen> byService = new ConcurrentHashMap<>();

  Seen seen(String service) {
    return byService.computeIfAbsent(service, s -> new Seen());
  }

  /** Forgets what was seen so far. */
  void forget() {
    byService.clear();
  }

  @Override
  public void traces(ExportTraceServiceRequest request, int bytes) {
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Seen seen = seen(service(rs.getResource().getAttributesList()));
      synchronized (seen) {
        seen.requests++;
        seen.bytes += bytes;
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span span : ss.getSpansList()) {
            seen.spans++;
            seen.spanScopes.add(ss.getScope().getName());
            for (KeyValue kv : span.getAttributesList()) {
              if (kv.getKey().equals(COST_USD)) {
                seen.tokenmeterSpans++;
              }
            }
          }
        }
      }
    }
  }

  @Override
  public void metrics(ExportMetricsServiceRequest request, int bytes) {
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      Seen seen = seen(service(rm.getResource().getAttributesList()));
      synchronized (seen) {
        seen.requests++;
        seen.bytes += bytes;
        for (ScopeMetrics sm : rm.getScopeMetricsList()) {
          sm.getMetricsList().forEach(m -> seen.metricNames.add(m.getName()));
        }
      }
    }
  }

  private static String service(Iterable<KeyValue> attributes) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(SERVICE_NAME)) {
        return kv.getValue().getStringValue();
      }
    }
    return "?";
  }
}
