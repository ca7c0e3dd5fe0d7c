/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static io.tokenmeter.contract.OtelAttributes.SERVICE_NAME;
import static io.tokenmeter.contract.OtelAttributes.USER_ID;
import static io.tokenmeter.contract.PrometheusFamilies.BUDGET_LIMIT_USD;
import static io.tokenmeter.contract.PrometheusFamilies.BUDGET_SPENT_USD;
import static io.tokenmeter.contract.PrometheusLabels.SUBJECT;
import static io.tokenmeter.contract.TokenmeterAttributes.COST_USD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Alert latency: the time from the call that crosses a budget (its export acknowledged by the
 * processor) to the Alertmanager webhook receiving {@code LLMBudgetExceeded}, with the shipped
 * {@code dashboards/prometheus} rules and config and {@code
 * dashboards/alertmanager/alertmanager.yml} (only addresses rewritten). Each trial uses a new user
 * of a per-user daily budget of 1 USD: a call of 0.50 USD, then one of 0.60 USD that crosses it.
 * Needs {@code prometheus} and {@code prometheus-alertmanager} on the PATH and a processor with
 * budgets.
 *
 * <p>Options: {@code --trials=3}; {@code --scrape-interval=} and {@code --evaluation-interval=}
 * override the shipped 15s / 30s (the smoke test uses 1s).
 */
public final class AlertLatencyBenchmark {
  static final String TITLE = "Alert latency (budget crossed -> webhook)";
  private static final String BUDGET = "bench-user-daily";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(BenchArgs.parse(args), System.out);
  }

  /** True when both tools are on the PATH. */
  static boolean toolsInstalled() {
    return onPath("prometheus") && onPath("prometheus-alertmanager");
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static void run(BenchArgs args, PrintStream out) throws Exception {
    String loadBefore = MachineLoad.loadAverage();
    int trials = args.integer("trials", 3);
    Path dir = Files.createTempDirectory("tokenmeter-bench-alerts");
    Table table =
        new Table(
            "trial",
            "processor gauge >= limit s",
            "Prometheus scraped it s",
            "rule firing s",
            "webhook received s");
    List<Double> latencies = new ArrayList<>();
    String note;
    String intervals = "";
    Map<String, Long> webhookArrivals = new ConcurrentHashMap<>();
    HttpServer webhook = webhook(webhookArrivals);
    Map<String, String> settings =
        Map.of(
            "TOKENMETER_BUDGETS",
            "[{name: " + BUDGET + ", scope: user, subject: '*', period: day, limit_usd: 1.00}]");
    if (!toolsInstalled()) {
      note = "NOT MEASURED: prometheus and prometheus-alertmanager are not installed";
      table.row("-", "-", "-", "-", "-");
    } else {
      try (ProcessorProcess processor = ProcessorProcess.start(settings, List.of("-Xmx512m"))) {
        send(processor, "bench-probe", 0.01);
        if (!awaitBudgetGauges(processor)) {
          note =
              "NOT MEASURED: this processor build exposes no tokenmeter_budget_* gauges (budgets"
                  + " not landed)";
          table.row("-", "-", "-", "-", "-");
        } else {
          String[] shipped = shippedIntervals();
          String scrape = args.text("scrape-interval", shipped[0]);
          String evaluation = args.text("evaluation-interval", shipped[1]);
          intervals =
              "scrape_interval "
                  + scrape
                  + ", evaluation_interval "
                  + evaluation
                  + (scrape.equals(shipped[0]) && evaluation.equals(shipped[1])
                      ? " (as shipped)"
                      : " (overridden; shipped " + shipped[0] + "/" + shipped[1] + ")")
                  + ", Alertmanager as shipped (LLMBudget* route: group_wait 5s)";
          int amPort = freePort();
          int promPort = freePort();
          String webhookUrl = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts";
          try (ToolProcess am =
                  ToolProcess.start(
                      dir.resolve("alertmanager.log"), alertmanager(dir, amPort, webhookUrl));
              ToolProcess prom =
                  ToolProcess.start(
                      dir.resolve("prometheus.log"),
                      prometheus(
                          dir, promPort, amPort, processor.metricsPort, scrape, evaluation))) {
            PrometheusApi api = new PrometheusApi(promPort);
            api.awaitReady(am, prom, amPort);
            for (int t = 1; t <= trials; t++) {
              String user =
                  "bench-user-" + t + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
              double[] at = trial(processor, api, webhookArrivals, user, scrape, evaluation);
              if (!Double.isNaN(at[3])) {
                latencies.add(at[3]);
              }
              table.row(
                  t, f(at[0]), f(at[1]), f(at[2]), Double.isNaN(at[3]) ? "timed out" : f(at[3]));
            }
          }
          Samples s = new Samples();
          latencies.forEach(l -> s.add(Math.round(l * 1000)));
          // The budget alerts and the recording rules they read share one group: one evaluation.
          double bound = seconds(scrape) + seconds(evaluation) + 5;
          note =
              String.format(
                  "median %.1f s, max %.1f s over %d trials; expected at most about scrape +"
                      + " evaluation + group_wait = %.0f s (+ notification)",
                  s.median() / 1000, s.quantile(1) / 1000, s.size(), bound);
        }
      } finally {
        webhook.stop(0);
      }
    }
    out.println(MachineLoad.header(TITLE) + " | load at start=" + loadBefore);
    out.println(
        "# processor: "
            + (toolsInstalled() ? ProcessorProcess.describe() : "-")
            + (intervals.isEmpty() ? "" : "; " + intervals));
    out.println("# seconds after the processor acknowledged the crossing call");
    table.print(out);
    out.println("# " + note);
    out.println("# load average at end=" + MachineLoad.loadAverage());
  }

  /**
   * Spends half the budget of a new user, then crosses it at a random point of the scrape and
   * evaluation cycles; returns the seconds until the processor's gauge, Prometheus' series, the
   * firing alert and the webhook saw it (NaN where they never did).
   */
  private static double[] trial(
      ProcessorProcess processor,
      PrometheusApi api,
      Map<String, Long> webhookArrivals,
      String user,
      String scrape,
      String evaluation)
      throws Exception {
    String subject = SUBJECT + "=\"" + user + "\"";
    send(processor, user, 0.50);
    api.awaitValue(BUDGET_SPENT_USD + "{" + subject + "}", 0.5, 600);
    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1 + 1000 * seconds(evaluation)));
    send(processor, user, 0.60);
    long crossed = System.nanoTime();
    double[] at = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    long deadline =
        crossed + TimeUnit.SECONDS.toNanos(30 + 4 * (seconds(scrape) + seconds(evaluation)));
    while (System.nanoTime() < deadline && Double.isNaN(at[3])) {
      double now = (System.nanoTime() - crossed) / 1e9;
      if (Double.isNaN(at[0])
          && ProcessorProcess.sum(processor.scrape(), BUDGET_SPENT_USD, subject) >= 1.0) {
        at[0] = now;
      }
      if (Double.isNaN(at[1]) && api.value(BUDGET_SPENT_USD + "{" + subject + "}") >= 1.0) {
        at[1] = now;
      }
      if (Double.isNaN(at[2])
          && api.value(
                  "ALERTS{alertname=\"LLMBudgetExceeded\",alertstate=\"firing\"," + subject + "}")
              >= 1) {
        at[2] = now;
      }
      Long arrived = webhookArrivals.get("LLMBudgetExceeded/" + user);
      if (arrived != null) {
        at[3] = (arrived - crossed) / 1e9;
      }
      Thread.sleep(100);
    }
    return at;
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "-" : Table.fixed(v, 1);
  }

  private static long seconds(String duration) {
    if (duration.endsWith("ms")) {
      return Math.max(1, Long.parseLong(duration.substring(0, duration.length() - 2)) / 1000);
    }
    long n = Long.parseLong(duration.substring(0, duration.length() - 1));
    return duration.endsWith("m") ? n * 60 : n;
  }

  private static String[] shippedIntervals() throws IOException {
    String yml = Files.readString(RepoPaths.dashboards().resolve("prometheus/prometheus.yml"));
    return new String[] {yamlValue(yml, "scrape_interval"), yamlValue(yml, "evaluation_interval")};
  }

  private static String yamlValue(String yml, String key) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(key + ":\\s*(\\S+)").matcher(yml);
    if (!m.find()) {
      throw new IllegalStateException("no " + key + " in the shipped prometheus.yml");
    }
    return m.group(1);
  }

  private static List<String> prometheus(
      Path dir, int port, int amPort, int metricsPort, String scrape, String evaluation)
      throws IOException {
    Path shipped = RepoPaths.dashboards().resolve("prometheus");
    Path conf = dir.resolve("prometheus");
    copyTree(shipped.resolve("rules"), conf.resolve("rules"));
    String yml =
        Files.readString(shipped.resolve("prometheus.yml"))
            .replaceFirst("scrape_interval:\\s*\\S+", "scrape_interval: " + scrape)
            .replaceFirst("evaluation_interval:\\s*\\S+", "evaluation_interval: " + evaluation)
            .replace("127.0.0.1:9093", "127.0.0.1:" + amPort)
            .replace("127.0.0.1:9464", "127.0.0.1:" + metricsPort);
    Files.writeString(conf.resolve("prometheus.yml"), yml);
    return List.of(
        "prometheus",
        "--config.file=" + conf.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
        "--web.listen-address=127.0.0.1:" + port);
  }

  private static List<String> alertmanager(Path dir, int port, String webhookUrl)
      throws IOException {
    Path shipped = RepoPaths.dashboards().resolve("alertmanager");
    Path conf = dir.resolve("alertmanager");
    copyTree(shipped, conf);
    String yml =
        Files.readString(shipped.resolve("alertmanager.yml"))
            .replace("http://127.0.0.1:9099/alerts", webhookUrl);
    Files.writeString(conf.resolve("alertmanager.yml"), yml);
    return List.of(
        "prometheus-alertmanager",
        "--config.file=" + conf.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("alertmanager-data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static HttpServer webhook(Map<String, Long> arrivals) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext(
        "/alerts",
        exchange -> {
          long now = System.nanoTime();
          try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            for (JsonNode alert : body.path("alerts")) {
              if (alert.path("status").asText().equals("firing")) {
                String key =
                    alert.path("labels").path("alertname").asText()
                        + "/"
                        + alert.path("labels").path("subject").asText();
                arrivals.putIfAbsent(key, now);
              }
            }
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
    return server;
  }

  private static boolean awaitBudgetGauges(ProcessorProcess processor) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (processor.scrape().contains(BUDGET_LIMIT_USD + "{")) {
        return true;
      }
      Thread.sleep(250);
    }
    return false;
  }

  /**
   * Sends one GenAI span of {@code usd} for {@code user}, priced by the agent (cost on the span).
   */
  private static void send(ProcessorProcess processor, String user, double usd) throws IOException {
    Span span =
        Span.newBuilder()
            .setTraceId(randomId(16))
            .setSpanId(randomId(8))
            .setName("chat gpt-4o")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(System.currentTimeMillis() * 1_000_000L - 1_000_000_000L)
            .setEndTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
            .addAttributes(kv(GEN_AI_OPERATION_NAME, "chat"))
            .addAttributes(kv(GEN_AI_PROVIDER_NAME, "openai"))
            .addAttributes(kv(GEN_AI_REQUEST_MODEL, "gpt-4o"))
            .addAttributes(kv(GEN_AI_RESPONSE_MODEL, "gpt-4o"))
            .addAttributes(kv(USER_ID, user))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey(GEN_AI_USAGE_INPUT_TOKENS)
                    .setValue(AnyValue.newBuilder().setIntValue(1000)))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey(COST_USD)
                    .setValue(AnyValue.newBuilder().setDoubleValue(usd)))
            .build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(kv(SERVICE_NAME, "bench-alerts")))
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
            .build();
    try (OtlpSender sender = OtlpSender.http(processor.httpPort)) {
      if (!sender.send(request.toByteArray())) {
        throw new IllegalStateException("the processor refused the export");
      }
    }
  }

  private static com.google.protobuf.ByteString randomId(int bytes) {
    byte[] id = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(id);
    return com.google.protobuf.ByteString.copyFrom(id);
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
