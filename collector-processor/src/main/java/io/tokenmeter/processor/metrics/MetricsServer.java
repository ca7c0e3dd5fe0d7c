/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Serves {@code /metrics} with client_java's {@link MetricsHandler} (Prometheus text, or
 * OpenMetrics with exemplars when the scraper asks for it; gzip and {@code name[]} filters on
 * request), {@code /healthz} (the process is up) and {@code /readyz} (receivers started, not
 * draining).
 */
public final class MetricsServer {

  private final HttpServer server;
  private final InetSocketAddress address;
  private final ExecutorService executor;
  private final BooleanSupplier ready;

  public MetricsServer(
      String bindAddress, int port, PrometheusRegistry registry, BooleanSupplier ready)
      throws IOException {
    this.ready = ready;
    this.address = new InetSocketAddress(bindAddress, port);
    this.server = HttpServer.create();
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "metrics-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/metrics", new MetricsHandler(registry));
    server.createContext("/healthz", ex -> text(ex, 200, "ok\n"));
    server.createContext(
        "/readyz",
        ex ->
            text(
                ex,
                ready.getAsBoolean() ? 200 : 503,
                ready.getAsBoolean() ? "ready\n" : "not ready\n"));
  }

  /** Serves {@code handler} under {@code path} on the same port (the report and budget API). */
  public void route(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  /** Binds the port and starts serving. */
  public void start() throws IOException {
    server.bind(address, 64);
    server.start();
  }

  /** Returns the bound port, or -1 before {@link #start}. */
  public int port() {
    InetSocketAddress bound = server.getAddress();
    return bound == null ? -1 : bound.getPort();
  }

  public void stop() {
    server.stop(0);
    executor.shutdown();
  }

  private static void text(HttpExchange ex, int status, String body) throws IOException {
    try (ex) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
