/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An OTLP/HTTP receiver standing in for a downstream collector; answers a settable status. */
final class FakeDownstream implements AutoCloseable {
  record Received(String path, String contentType, byte[] body) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger status = new AtomicInteger(200);
  final AtomicInteger attempts = new AtomicInteger();
  private final HttpServer server;

  FakeDownstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            attempts.incrementAndGet();
            int code = status.get();
            if (code == 200) {
              received.add(
                  new Received(
                      ex.getRequestURI().getPath(),
                      ex.getRequestHeaders().getFirst("Content-Type"),
                      body));
            }
            ex.sendResponseHeaders(code, -1);
          }
        });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
