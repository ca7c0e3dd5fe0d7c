/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.testing.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtlpReceiverTest {
  private final OtlpReceiver receiver = OtlpReceiver.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    receiver.close();
  }

  @Test
  void flattensGzippedSpansWithTypedAttributes() throws Exception {
    Span span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(new byte[16]))
            .setSpanId(ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, 0, 42}))
            .setName("chat gpt-4o-mini")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .addAttributes(
                kv("gen_ai.usage.input_tokens", AnyValue.newBuilder().setIntValue(1200).build()))
            .addAttributes(kv("gen_ai.response.finish_reasons", stringList("stop")))
            .setStatus(
                Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
            .addEvents(Span.Event.newBuilder().setName("exception"))
            .build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(kv("service.name", string("svc"))))
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .setScope(InstrumentationScope.newBuilder().setName("test-scope"))
                            .addSpans(span)))
            .build();

    assertThat(post("/v1/traces", gzip(request.toByteArray()), true)).isEqualTo(200);

    ReceivedSpan received = receiver.awaitSpans(s -> true, 1, Duration.ofSeconds(5)).get(0);
    assertThat(received.spanId()).isEqualTo("000000000000002a");
    assertThat(received.isRoot()).isTrue();
    assertThat(received.kind()).isEqualTo("CLIENT");
    assertThat(received.scopeName()).isEqualTo("test-scope");
    assertThat(received.serviceName()).isEqualTo("svc");
    assertThat(received.attribute("gen_ai.usage.input_tokens")).isEqualTo(1200L);
    assertThat(received.attribute("gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));
    assertThat(received.statusCode()).isEqualTo("ERROR");
    assertThat(received.statusMessage()).isEqualTo("boom");
    assertThat(received.eventNames()).containsExactly("exception");
  }

  @Test
  void keepsHistogramCountAndSumAndTheLatestPointPerSeries() throws Exception {
    assertThat(post("/v1/metrics", histogram(1, 18).toByteArray(), false)).isEqualTo(200);
    assertThat(post("/v1/metrics", histogram(2, 42).toByteArray(), false)).isEqualTo(200);

    receiver.awaitPoints(
        p -> p.metricName().equals("gen_ai.client.token.usage"), 2, Duration.ofSeconds(5));
    assertThat(receiver.latestPoints())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.type()).isEqualTo("HISTOGRAM");
              assertThat(p.count()).isEqualTo(2);
              assertThat(p.sum()).isEqualTo(42.0);
              assertThat(p.attribute("gen_ai.token.type")).isEqualTo("input");
            });
  }

  @Test
  void rejectsUndecodableBodiesAndTimesOutWithWhatArrived() throws Exception {
    assertThat(post("/v1/traces", new byte[] {(byte) 0xff, 0x01}, false)).isEqualTo(400);
    assertThatThrownBy(() -> receiver.awaitSpans(s -> true, 1, Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected at least 1 matching spans");
  }

  @Test
  void handsEachDecodedRequestToTheListenerAndKeepsNothing() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    OtlpListener listener =
        new OtlpListener() {
          @Override
          public void traces(ExportTraceServiceRequest request, int bytes) {
            heard.add("traces " + request.getResourceSpansCount() + " " + bytes);
          }

          @Override
          public void metrics(ExportMetricsServiceRequest request, int bytes) {
            heard.add("metrics " + request.getResourceMetricsCount() + " " + bytes);
          }
        };
    byte[] metrics = histogram(1, 18).toByteArray();
    try (OtlpReceiver forwarding = OtlpReceiver.start(listener)) {
      assertThat(post(forwarding, "/v1/metrics", metrics, false)).isEqualTo(200);
      assertThat(post(forwarding, "/v1/traces", new byte[0], false)).isEqualTo(200);
      assertThat(post(forwarding, "/v1/logs", new byte[0], false)).isEqualTo(200);
      assertThat(post(forwarding, "/v1/traces", new byte[] {(byte) 0xff, 0x01}, false))
          .isEqualTo(400);

      assertThat(heard).containsExactly("metrics 1 " + metrics.length, "traces 0 0");
      assertThat(forwarding.logRequests()).isEqualTo(1);
      assertThatThrownBy(forwarding::spans)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("this receiver hands requests to a listener and keeps nothing");
    }
  }

  private static ExportMetricsServiceRequest histogram(long count, double sum) {
    Metric metric =
        Metric.newBuilder()
            .setName("gen_ai.client.token.usage")
            .setUnit("{token}")
            .setHistogram(
                Histogram.newBuilder()
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setCount(count)
                            .setSum(sum)
                            .addAttributes(kv("gen_ai.token.type", string("input")))))
            .build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric)))
        .build();
  }

  private int post(String path, byte[] body, boolean gzipped) throws Exception {
    return post(receiver, path, body, gzipped);
  }

  private int post(OtlpReceiver to, String path, byte[] body, boolean gzipped) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(to.endpoint() + path))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzipped) {
      request.header("Content-Encoding", "gzip");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static AnyValue string(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  private static AnyValue stringList(String... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (String v : values) {
      array.addValues(string(v));
    }
    return AnyValue.newBuilder().setArrayValue(array).build();
  }
}
