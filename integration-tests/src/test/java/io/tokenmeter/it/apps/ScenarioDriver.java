/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.MDC;

/**
 * The SDK-independent half of the test apps: runs each scenario named on the command line and
 * prints exactly one {@code RESULT <scenario> <outcome>} line for it. Scenario names may carry
 * attribution prefixes: {@code baggage:<user>:<session>:<scenario>} runs it with OTel Baggage
 * {@code user.id} and {@code session.id}, {@code mdc:<user>:<scenario>} with SLF4J MDC {@code
 * userId}. The name {@code server} starts an HTTP server instead: it prints {@code LISTENING
 * <port>} and runs {@code GET /run?scenario=<name>} in the handler thread, answering with the
 * RESULT line; {@code GET /stop} ends the app. The scenario {@code baggage} calls no SDK and prints
 * the current OTel Baggage (e.g. what the agent extracted from a W3C {@code baggage} header).
 */
final class ScenarioDriver {
  static final String MDC_USER_KEY = "userId";

  private final Scenarios scenarios;

  private ScenarioDriver(Scenarios scenarios) {
    this.scenarios = scenarios;
  }

  /**
   * Runs {@code args[1..]} against the scenarios; {@code args[0]} (the base URL) was consumed by
   * the app.
   */
  static void main(String[] args, Scenarios scenarios) throws Exception {
    List<String> names = Arrays.asList(args).subList(1, args.length);
    try (scenarios) {
      ScenarioDriver driver = new ScenarioDriver(scenarios);
      if (names.contains("server")) {
        driver.serve();
      } else {
        for (String name : names) {
          System.out.println(driver.resultLine(name));
        }
      }
    }
    System.out.flush();
  }

  String resultLine(String name) {
    return "RESULT " + name + " " + runGuarded(name);
  }

  private String runGuarded(String name) {
    try {
      String outcome = run(name);
      return outcome == null ? "UNKNOWN-SCENARIO" : outcome;
    } catch (Throwable t) { // the line must be printed whatever happened
      return Outcome.of().exception(t, scenarios).toString();
    }
  }

  private String run(String name) throws Exception {
    if (name.startsWith("baggage:")) {
      String[] parts = name.split(":", 4);
      Baggage baggage =
          Baggage.current().toBuilder()
              .put("user.id", parts[1])
              .put("session.id", parts[2])
              .build();
      try (Scope ignored = baggage.makeCurrent()) {
        return run(parts[3]);
      }
    }
    if (name.startsWith("mdc:")) {
      String[] parts = name.split(":", 3);
      MDC.put(MDC_USER_KEY, parts[1]);
      try {
        return run(parts[2]);
      } finally {
        MDC.remove(MDC_USER_KEY);
      }
    }
    if (name.equals("baggage")) {
      return Outcome.of().put("baggage", describe(Baggage.current())).toString();
    }
    return scenarios.run(name);
  }

  private static String describe(Baggage baggage) {
    StringBuilder entries = new StringBuilder();
    baggage.forEach(
        (key, entry) ->
            entries
                .append(entries.length() == 0 ? "" : ",")
                .append(key)
                .append('=')
                .append(entry.getValue()));
    return entries.length() == 0 ? "none" : entries.toString();
  }

  private void serve() throws IOException, InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/run",
        exchange -> {
          String line = resultLine(scenarioParam(exchange));
          System.out.println(line);
          respond(exchange, line);
        });
    server.createContext(
        "/stop",
        exchange -> {
          respond(exchange, "STOPPING");
          stop.countDown();
        });
    server.start();
    System.out.println("LISTENING " + server.getAddress().getPort());
    System.out.flush();
    stop.await();
    server.stop(0);
  }

  private static String scenarioParam(HttpExchange exchange) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("scenario=")) {
          return URLDecoder.decode(pair.substring("scenario=".length()), StandardCharsets.UTF_8);
        }
      }
    }
    return "";
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
