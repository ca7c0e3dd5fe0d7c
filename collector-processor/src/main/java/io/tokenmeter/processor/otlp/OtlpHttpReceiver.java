/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import com.sun.net.httpserver.HttpServer;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.metrics.IngestMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The OTLP/HTTP receiver (default port 4318) on the JDK's built-in HTTP server. */
public final class OtlpHttpReceiver {
  private final HttpServer server;
  private final AdmittingExecutor executor;
  private final InetSocketAddress address;

  public OtlpHttpReceiver(
      ProcessorConfig.Server config,
      OtlpConsumer consumer,
      AdmissionControl admission,
      IngestMetrics metrics)
      throws IOException {
    address = new InetSocketAddress(config.bindAddress(), config.otlpHttpPort());
    server = HttpServer.create();
    BearerAuth auth = new BearerAuth(config.authToken());
    for (Signal signal : Signal.values()) {
      server.createContext(
          signal.httpPath(),
          new OtlpHttpHandler(
              signal,
              consumer,
              auth,
              config.maxRequestBytes(),
              config.retryAfterSeconds(),
              metrics));
    }
    executor = new AdmittingExecutor(admission, config.maxConcurrentRequests());
    server.setExecutor(executor);
  }

  /** Binds the port and starts serving. */
  public void start() throws IOException {
    server.bind(address, 1024);
    server.start();
  }

  /** Returns the bound port, or -1 before {@link #start}. */
  public int port() {
    InetSocketAddress bound = server.getAddress();
    return bound == null ? -1 : bound.getPort();
  }

  /** Closes the listener; call after admission control has drained the requests in flight. */
  public void stop() {
    server.stop(0);
    executor.shutdown();
  }
}
