/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A loopback OTLP/HTTP endpoint that answers 200 to everything, so the agent's export cost is real
 * but cheap; it also notes, per {@code service.name}, which instrumentation scopes made spans and
 * whether any span or metric carries Tokenmeter's attributes (to check what a configuration really
 * runs).
 */
final class OtlpSink implements AutoCloseable {
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

  private final HttpServer server;
  private final Map<String, Seen> byService = new ConcurrentHashMap<>();

  OtlpSink() throws IOException {
    server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2, Daemons.named("otlp-sink")));
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Seen seen(String service) {
    return byService.computeIfAbsent(service, s -> new Seen());
  }

  /** Forgets what was seen so far. */
  void forget() {
    byService.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      String path = exchange.getRequestURI().getPath();
      try {
        if (path.endsWith("/v1/traces")) {
          noteTraces(ExportTraceServiceRequest.parseFrom(body), body.length);
        } else if (path.endsWith("/v1/metrics")) {
          noteMetrics(ExportMetricsServiceRequest.parseFrom(body), body.length);
        }
      } catch (IOException | RuntimeException e) {
        // Not our concern here: the sink acknowledges everything.
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    } finally {
      exchange.close();
    }
  }

  private void noteTraces(ExportTraceServiceRequest request, int bytes) {
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
              if (kv.getKey().equals("tokenmeter.cost.usd")) {
                seen.tokenmeterSpans++;
              }
            }
          }
        }
      }
    }
  }

  private void noteMetrics(ExportMetricsServiceRequest request, int bytes) {
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
      if (kv.getKey().equals("service.name")) {
        return kv.getValue().getStringValue();
      }
    }
    return "?";
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
