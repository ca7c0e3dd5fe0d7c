/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** An Alertmanager webhook receiver on a loopback port, keeping every notification it gets. */
final class AlertWebhook implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpServer server;
  private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

  AlertWebhook() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/alerts",
        exchange -> {
          notifications.add(MAPPER.readTree(exchange.getRequestBody()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
  }

  /** Waits for an alert (one element of a notification's alerts) that matches, or returns null. */
  JsonNode await(Predicate<JsonNode> alert, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode notification : notifications) {
        for (JsonNode a : notification.path("alerts")) {
          if (alert.test(a)) {
            return notification;
          }
        }
      }
      Thread.sleep(200);
    }
    return null;
  }

  List<JsonNode> notifications() {
    return notifications;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
