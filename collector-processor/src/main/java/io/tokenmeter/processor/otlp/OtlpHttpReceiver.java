/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import com.sun.net.httpserver.HttpServer;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.metrics.ProcessorMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The OTLP/HTTP receiver (default port 4318) on the JDK's built-in HTTP server. */
public final class OtlpHttpReceiver {
  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs (~40
    // ms).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final AdmittingExecutor executor;

  public OtlpHttpReceiver(
      ProcessorConfig.Server config,
      OtlpConsumer consumer,
      AdmissionControl admission,
      ProcessorMetrics metrics)
      throws IOException {
    server =
        HttpServer.create(new InetSocketAddress(config.bindAddress(), config.otlpHttpPort()), 1024);
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

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Closes the listener; call after admission control has drained the requests in flight. */
  public void stop() {
    server.stop(0);
    executor.shutdown();
  }
}
