/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The /metrics body: valid for promtool, OpenMetrics with exemplars on cost counters. */
class MetricsExpositionTest {

  private static TestProcessor withTraffic() throws Exception {
    TestProcessor p = TestProcessor.start();
    for (String f :
        new String[] {
          "otel-java-agent-openai-chat",
          "openllmetry-traceloop",
          "unknown-model",
          "langfuse-anthropic"
        }) {
      p.post("/v1/traces", TestProcessor.JSON, VendorFixturesTest.fixture(f));
    }
    p.post("/v1/traces", "text/plain", new byte[1]);
    return p;
  }

  @Test
  void passesPromtoolCheckMetrics() throws Exception {
    Path promtool = findPromtool();
    if (promtool == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("promtool is required in CI (apt-get install prometheus)");
      }
      System.err.println(
          "\n!!!!! promtool not found on PATH: SKIPPING the promtool check of"
              + " /metrics. Install it with `apt-get install -y prometheus`. !!!!!\n");
      Assumptions.abort("promtool not installed");
    }
    try (TestProcessor p = withTraffic()) {
      String body = p.get("/metrics", null).body();
      Process proc =
          new ProcessBuilder(promtool.toString(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      try (OutputStream in = proc.getOutputStream()) {
        in.write(body.getBytes(StandardCharsets.UTF_8));
      }
      assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(proc.exitValue()).as(out + "\n---\n" + body).isZero();
    }
  }

  @Test
  void openMetricsScrapesCarryTraceIdExemplarsOnCostCounters() throws Exception {
    try (TestProcessor p = withTraffic()) {
      HttpResponse<String> r =
          p.get("/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/openmetrics-text");
      assertThat(r.body())
          .containsPattern(
              "tokenmeter_cost_usd_total\\{[^}]*\\} [0-9.eE-]+ # \\{span_id=\"[0-9a-f]{16}\","
                  + "trace_id=\"[0-9a-f]{32}\"\\}");
      assertThat(r.body()).endsWith("# EOF\n");
      assertThat(p.get("/metrics", null).body()).doesNotContain("trace_id");
    }
  }

  @Test
  void nameFiltersScrapeOnlyTheNamedFamilies() throws Exception {
    try (TestProcessor p = withTraffic()) {
      String body =
          p.get(
                  "/metrics?name%5B%5D=tokenmeter_spans_received_total"
                      + "&name%5B%5D=tokenmeter_unpriced_requests_total",
                  null)
              .body();
      assertThat(body.lines().filter(l -> l.startsWith("# TYPE ")))
          .containsExactly(
              "# TYPE tokenmeter_spans_received_total counter",
              "# TYPE tokenmeter_unpriced_requests_total counter");
    }
  }

  @Test
  void gzipIsServedWhenTheScraperAcceptsIt() throws Exception {
    try (TestProcessor p = withTraffic()) {
      String plain = p.get("/metrics", null).body();
      HttpResponse<byte[]> gzipped =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + p.processor.metricsPort() + "/metrics"))
                      .header("Accept-Encoding", "gzip")
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain);
      }
    }
  }

  @Test
  void everyDesignFamilyIsExposedWithItsLabels() throws Exception {
    try (TestProcessor p = withTraffic()) {
      Scrape s = p.scrape();
      assertLabels(
          s, "tokenmeter_requests_total", "service", "provider", "model", "operation", "outcome");
      assertLabels(s, "tokenmeter_tokens_total", "service", "provider", "model", "token_type");
      assertLabels(s, "tokenmeter_cost_usd_total", "service", "provider", "model", "token_type");
      assertLabels(
          s,
          "tokenmeter_request_duration_seconds_count",
          "service",
          "provider",
          "model",
          "operation");
      assertLabels(
          s, "tokenmeter_time_to_first_token_seconds_count", "service", "provider", "model");
      assertLabels(s, "tokenmeter_user_cost_usd_total", "user", "service", "model");
      assertLabels(s, "tokenmeter_user_tokens_total", "user", "service", "model", "token_type");
      assertLabels(s, "tokenmeter_user_requests_total", "user", "service", "model");
      assertLabels(s, "tokenmeter_agent_cost_usd_total", "agent", "service", "model");
      assertLabels(s, "tokenmeter_session_cost_usd", "session", "user");
      assertLabels(s, "tokenmeter_session_tokens", "session", "user");
      assertLabels(s, "tokenmeter_session_requests", "session", "user");
      assertLabels(s, "tokenmeter_unpriced_requests_total", "provider", "model");
      assertLabels(s, "tokenmeter_spans_received_total", "transport", "result");
      assertLabels(s, "tokenmeter_rejected_requests_total", "transport", "signal", "reason");
    }
  }

  private static void assertLabels(Scrape s, String name, String... labels) {
    assertThat(s.samples(name))
        .as(name)
        .isNotEmpty()
        .allSatisfy(
            x -> assertThat(x.labels().keySet()).as(name).containsExactlyInAnyOrder(labels));
  }

  private static Path findPromtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, "promtool");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
