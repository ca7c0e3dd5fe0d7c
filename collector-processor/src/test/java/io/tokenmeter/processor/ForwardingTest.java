/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.Span;
import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.TokenUsage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Everything received goes downstream, GenAI spans enriched with cost; a bad downstream costs only
 * drops.
 */
class ForwardingTest {

  @Test
  void forwardsTracesWithCostAttributesAndMetricsAndLogsUntouched() throws Exception {
    try (FakeDownstream downstream = new FakeDownstream();
        TestProcessor p = TestProcessor.start("forward.endpoint", downstream.endpoint())) {
      ExportTraceServiceRequest traces =
          Otlp.request(
              "svc",
              Otlp.chat("openai", "gpt-4o-mini", 1000, 100),
              Otlp.span("GET /", "http.route", "/"));
      ExportMetricsServiceRequest metrics = metricsRequest();
      assertThat(p.postProtobuf(traces).statusCode()).isEqualTo(200);
      assertThat(p.post("/v1/metrics", TestProcessor.PROTOBUF, metrics.toByteArray()).statusCode())
          .isEqualTo(200);
      assertThat(
              p.post(
                      "/v1/logs",
                      TestProcessor.JSON,
                      "{\"resourceLogs\":[]}".getBytes(StandardCharsets.UTF_8))
                  .statusCode())
          .isEqualTo(200);

      await(() -> downstream.received.size() == 3);
      Map<String, FakeDownstream.Received> byPath =
          downstream.received.stream()
              .collect(Collectors.toMap(FakeDownstream.Received::path, Function.identity()));
      assertThat(byPath.get("/v1/traces").contentType()).isEqualTo("application/x-protobuf");
      assertThat(ExportMetricsServiceRequest.parseFrom(byPath.get("/v1/metrics").body()))
          .isEqualTo(metrics);

      ExportTraceServiceRequest forwarded =
          ExportTraceServiceRequest.parseFrom(byPath.get("/v1/traces").body());
      Span chat = forwarded.getResourceSpans(0).getScopeSpans(0).getSpans(0);
      Span http = forwarded.getResourceSpans(0).getScopeSpans(0).getSpans(1);
      BigDecimal want =
          CostCalculator.cost(
                  TestProcessor.CATALOG.find("openai", "gpt-4o-mini"), TokenUsage.of(1000, 100))
              .total();
      assertThat(attr(chat, "tokenmeter.cost.usd").getDoubleValue()).isEqualTo(want.doubleValue());
      assertThat(attr(chat, "tokenmeter.pricing.model").getStringValue())
          .isEqualTo("openai/gpt-4o-mini");
      assertThat(http).isEqualTo(traces.getResourceSpans(0).getScopeSpans(0).getSpans(1));
      assertThat(p.scrape().value("tokenmeter_forwarded_requests_total", "signal", "traces"))
          .isEqualByComparingTo("1");
    }
  }

  @Test
  void aFailingDownstreamNeitherBlocksIngestionNorLosesAccounting() throws Exception {
    try (FakeDownstream downstream = new FakeDownstream();
        TestProcessor p =
            TestProcessor.start(
                "forward.endpoint",
                downstream.endpoint(),
                "forward.queue_size",
                "2",
                "forward.max_attempts",
                "3",
                "forward.initial_backoff_millis",
                "20")) {
      downstream.status.set(503);
      int requests = 30;
      for (int i = 0; i < requests; i++) {
        assertThat(
                p.postProtobuf(Otlp.request("svc", Otlp.chat("openai", "gpt-4o", 10, 1)))
                    .statusCode())
            .isEqualTo(200);
      }
      assertThat(p.scrape().sum("tokenmeter_tokens_total")).isEqualByComparingTo("330");
      await(() -> dropped(p, "queue_full").add(dropped(p, "failed")).intValue() == requests);
      assertThat(dropped(p, "queue_full")).isPositive();
      assertThat(dropped(p, "failed")).isPositive();
      assertThat(downstream.attempts.get()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void anUnreachableDownstreamIsRetriedThenDropped() throws Exception {
    String closed;
    try (FakeDownstream gone = new FakeDownstream()) {
      closed = gone.endpoint();
    }
    try (TestProcessor p =
        TestProcessor.start(
            "forward.endpoint",
            closed,
            "forward.max_attempts",
            "2",
            "forward.initial_backoff_millis",
            "10")) {
      assertThat(
              p.postProtobuf(Otlp.request("svc", Otlp.chat("openai", "gpt-4o", 10, 1)))
                  .statusCode())
          .isEqualTo(200);
      await(() -> dropped(p, "failed").intValue() == 1);
    }
  }

  private static BigDecimal dropped(TestProcessor p, String reason) {
    try {
      BigDecimal v =
          p.scrape()
              .value(
                  "tokenmeter_forward_dropped_requests_total",
                  "signal",
                  "traces",
                  "reason",
                  reason);
      return v == null ? BigDecimal.ZERO : v;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }

  private static io.opentelemetry.proto.common.v1.AnyValue attr(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals(key))
        .findFirst()
        .map(KeyValue::getValue)
        .orElseThrow(() -> new AssertionError("no " + key));
  }

  private static ExportMetricsServiceRequest metricsRequest() {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .addMetrics(
                            Metric.newBuilder()
                                .setName("queue.depth")
                                .setGauge(
                                    Gauge.newBuilder()
                                        .addDataPoints(NumberDataPoint.newBuilder().setAsInt(7))))))
        .build();
  }
}
