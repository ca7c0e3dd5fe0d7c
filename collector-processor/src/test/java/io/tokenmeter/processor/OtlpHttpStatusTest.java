/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import io.tokenmeter.processor.metrics.CounterValues;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Every OTLP/HTTP answer the receiver gives, from real requests on loopback. */
class OtlpHttpStatusTest {
  private static final byte[] ONE_CALL =
      Otlp.request("svc", Otlp.chat("openai", "gpt-4o-mini", 100, 10)).toByteArray();

  @Test
  void acceptsProtobufAndAnswersWithAnEmptyExportResponse() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      HttpResponse<byte[]> r = p.post("/v1/traces", TestProcessor.PROTOBUF, ONE_CALL);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
      assertThat(
              p.scrape()
                  .value(
                      "tokenmeter_spans_received_total", "transport", "http", "result", "accepted"))
          .isEqualByComparingTo("1");
    }
  }

  @Test
  void acceptsGzippedBodies() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      HttpResponse<byte[]> r =
          p.post("/v1/traces", TestProcessor.PROTOBUF, gzip(ONE_CALL), "Content-Encoding", "gzip");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(p.scrape().sum("tokenmeter_tokens_total")).isEqualByComparingTo("110");
    }
  }

  @Test
  void rejectsBadProtobufWith400AndAProtobufStatus() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      HttpResponse<byte[]> r =
          p.post("/v1/traces", TestProcessor.PROTOBUF, new byte[] {0x0a, (byte) 0xff, 0x01, 0x02});
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(Status.parseFrom(r.body()).getMessage()).contains("invalid OTLP protobuf");
      assertThat(
              p.scrape()
                  .value(
                      "tokenmeter_rejected_requests_total",
                      "transport",
                      "http",
                      "signal",
                      "traces",
                      "reason",
                      "bad_request"))
          .isEqualByComparingTo("1");
    }
  }

  @Test
  void rejectsBadJsonWith400AndAJsonStatus() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      for (String bad :
          new String[] {
            "{\"resourceSpans\": [",
            "[1,2]",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"soon\"}]}]}]}"
          }) {
        HttpResponse<byte[]> r =
            p.post("/v1/traces", TestProcessor.JSON, bad.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(bad).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(bad).contains("\"message\"");
      }
    }
  }

  @Test
  void rejectsUnknownContentTypesWith415() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      assertThat(p.post("/v1/traces", "text/plain", ONE_CALL).statusCode()).isEqualTo(415);
      assertThat(p.post("/v1/traces", null, ONE_CALL).statusCode()).isEqualTo(415);
      assertThat(
              p.post("/v1/traces", TestProcessor.PROTOBUF, ONE_CALL, "Content-Encoding", "br")
                  .statusCode())
          .isEqualTo(415);
    }
  }

  @Test
  void rejectsOversizedBodiesWith413() throws Exception {
    try (TestProcessor p = TestProcessor.start("server.max_request_bytes", "1024")) {
      HttpResponse<byte[]> r = p.post("/v1/traces", TestProcessor.PROTOBUF, new byte[4096]);
      assertThat(r.statusCode()).isEqualTo(413);
    }
  }

  @Test
  void rejectsAGzipBombWith413AfterDecompressingOnlyTheLimit() throws Exception {
    try (TestProcessor p = TestProcessor.start("server.max_request_bytes", "1048576")) {
      byte[] bomb = gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros, ~64 KiB compressed
      assertThat(bomb.length).isLessThan(1024 * 1024);
      HttpResponse<byte[]> r =
          p.post("/v1/traces", TestProcessor.PROTOBUF, bomb, "Content-Encoding", "gzip");
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(Status.parseFrom(r.body()).getMessage()).contains("after decompression");
    }
  }

  @Test
  void rejectsCorruptGzipWith400() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      assertThat(
              p.post("/v1/traces", TestProcessor.PROTOBUF, ONE_CALL, "Content-Encoding", "gzip")
                  .statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void requiresTheBearerTokenWhenConfigured() throws Exception {
    try (TestProcessor p = TestProcessor.start("server.auth_token", "s3cret")) {
      HttpResponse<byte[]> none = p.post("/v1/traces", TestProcessor.PROTOBUF, ONE_CALL);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(
              p.post(
                      "/v1/traces",
                      TestProcessor.PROTOBUF,
                      ONE_CALL,
                      "Authorization",
                      "Bearer wrong")
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              p.post(
                      "/v1/traces",
                      TestProcessor.PROTOBUF,
                      ONE_CALL,
                      "Authorization",
                      "Bearer s3cret")
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void answers429WithRetryAfterWhenEveryWorkerIsBusy() throws Exception {
    try (TestProcessor p =
            TestProcessor.start(
                "server.max_concurrent_requests",
                "1",
                "server.max_queued_requests",
                "0",
                "server.retry_after_seconds",
                "7");
        Socket slow = holdARequestOpen(p)) {
      HttpResponse<byte[]> r = p.post("/v1/traces", TestProcessor.PROTOBUF, ONE_CALL);
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
    }
  }

  @Test
  void answers503WithRetryAfterWhileDraining() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      p.processor.drain();
      HttpResponse<byte[]> r = p.post("/v1/traces", TestProcessor.PROTOBUF, ONE_CALL);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(p.get("/readyz", null).statusCode()).isEqualTo(503);
      assertThat(p.get("/healthz", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shutdownFinishesARequestAlreadyAcceptedBeforeClosing() throws Exception {
    TestProcessor p = TestProcessor.start();
    byte[] head =
        ("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
                + "Content-Length: "
                + ONE_CALL.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    try (Socket s = new Socket("127.0.0.1", p.processor.otlpHttpPort())) {
      OutputStream out = s.getOutputStream();
      out.write(head);
      out.write(ONE_CALL, 0, 10);
      out.flush();
      ForwardingTest.await(() -> p.processor.admissionInFlight() == 1);
      Thread closer = new Thread(p::close);
      closer.start();
      ForwardingTest.await(() -> !isReady(p));
      out.write(ONE_CALL, 10, ONE_CALL.length - 10);
      out.flush();
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(response).startsWith("HTTP/1.1 200");
      closer.join(10_000);
      assertThat(
              CounterValues.value(
                  p.processor.metrics(),
                  "tokenmeter_tokens_total",
                  "service",
                  "svc",
                  "provider",
                  "openai",
                  "model",
                  "gpt-4o-mini",
                  "token_type",
                  "input"))
          .isEqualTo(100);
    }
  }

  private static boolean isReady(TestProcessor p) {
    try {
      return p.get("/readyz", null).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void acceptsMetricsAndLogsWithoutADownstream() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      assertThat(p.post("/v1/metrics", TestProcessor.PROTOBUF, new byte[0]).statusCode())
          .isEqualTo(200);
      assertThat(p.post("/v1/logs", TestProcessor.JSON, "{}".getBytes()).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void survivesGarbageOfEveryShape() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      Random random = new Random(42);
      for (int i = 0; i < 200; i++) {
        byte[] junk = new byte[random.nextInt(2048)];
        random.nextBytes(junk);
        int status =
            p.post("/v1/traces", i % 2 == 0 ? TestProcessor.PROTOBUF : TestProcessor.JSON, junk)
                .statusCode();
        assertThat(status).isIn(200, 400);
      }
      assertThat(
              p.postProtobuf(Otlp.request("svc", Otlp.chat("openai", "gpt-4o", 1, 1))).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void rejectsAbsurdlyDeepJsonWith400() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      String deep = "{\"resourceSpans\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
      assertThat(
              p.post("/v1/traces", TestProcessor.JSON, deep.getBytes(StandardCharsets.UTF_8))
                  .statusCode())
          .isEqualTo(400);
      String deepObject = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
      assertThat(
              p.post("/v1/traces", TestProcessor.JSON, deepObject.getBytes(StandardCharsets.UTF_8))
                  .statusCode())
          .isEqualTo(400);
    }
  }

  /** Sends headers and half a body, so the only worker blocks reading the rest. */
  private static Socket holdARequestOpen(TestProcessor p) throws Exception {
    Socket s = new Socket("127.0.0.1", p.processor.otlpHttpPort());
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
                + "Content-Length: 1000\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[10]);
    out.flush();
    long deadline = System.currentTimeMillis() + 5000;
    while (p.processor.metrics() != null
        && System.currentTimeMillis() < deadline
        && admissionInFlight(p) == 0) {
      Thread.sleep(10);
    }
    return s;
  }

  private static int admissionInFlight(TestProcessor p) {
    return p.processor.admissionInFlight();
  }

  static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  static byte[] readAll(InputStream in) throws Exception {
    return in.readAllBytes();
  }
}
