/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A local Alertmanager webhook receiver for the demo: {@code POST /alerts} takes Alertmanager's
 * webhook payload, appends each alert as one JSON line (with the receiver's name and the
 * notification's status) to {@code --out}, and prints one line per alert. Usage: {@code
 * WebhookReceiver --out alerts.jsonl [--port N]}; prints {@code webhook listening on
 * http://127.0.0.1:PORT/alerts}.
 */
public final class WebhookReceiver {
  private WebhookReceiver() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = DemoArgs.parse(args, "out", "port");
    Path out = Path.of(DemoArgs.require(o, "out", "WebhookReceiver --out FILE [--port N]"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(
                InetAddress.getLoopbackAddress(), Integer.parseInt(o.getOrDefault("port", "0"))),
            16);
    server.createContext(
        "/alerts",
        ex -> {
          try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            int status = 200;
            try {
              record(out, DemoHttp.JSON.readTree(body));
            } catch (IOException | RuntimeException e) {
              System.out.println("  webhook: unreadable payload: " + e);
              status = 400;
            }
            ex.sendResponseHeaders(status, -1);
          }
        });
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            byte[] ok = "tokenmeter demo webhook: POST /alerts\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            try (OutputStream os = ex.getResponseBody()) {
              os.write(ok);
            }
          }
        });
    server.start();
    System.out.println(
        "webhook listening on http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    System.out.flush();
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "webhook-stop"));
    forever.await();
  }

  static synchronized void record(Path out, JsonNode payload) throws IOException {
    String receiver = payload.path("receiver").asText("");
    StringBuilder lines = new StringBuilder();
    for (JsonNode alert : payload.path("alerts")) {
      ObjectNode line = DemoHttp.JSON.createObjectNode();
      line.put("receiver", receiver);
      line.put("status", alert.path("status").asText(""));
      line.set("labels", alert.path("labels"));
      line.set("annotations", alert.path("annotations"));
      line.put("startsAt", alert.path("startsAt").asText(""));
      lines.append(DemoHttp.JSON.writeValueAsString(line)).append('\n');
      JsonNode labels = alert.path("labels");
      System.out.printf(
          Locale.ROOT,
          "  >> ALERT %s %s [%s] -> webhook (receiver %s): %s%n",
          labels.path("alertname").asText("?"),
          alert.path("status").asText("?").toUpperCase(Locale.ROOT),
          labels.path("severity").asText("-"),
          receiver,
          alert.path("annotations").path("summary").asText(""));
    }
    System.out.flush();
    Files.writeString(out, lines.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
