/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The same spans sent as OTLP/HTTP protobuf, OTLP/HTTP JSON and OTLP/gRPC give the same metrics.
 */
class TransportEquivalenceTest {
  static final MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> EXPORT =
      MethodDescriptor.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
          .setRequestMarshaller(
              ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
          .setResponseMarshaller(
              ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
          .build();

  @Test
  void protobufJsonAndGrpcIngestionGiveTheSameMetrics() throws Exception {
    byte[] json = VendorFixturesTest.fixture("otel-java-agent-openai-chat");
    ExportTraceServiceRequest request = fromOtlpJson(json);

    Map<String, String> viaJson;
    try (TestProcessor p = TestProcessor.start()) {
      assertThat(p.post("/v1/traces", TestProcessor.JSON, json).statusCode()).isEqualTo(200);
      viaJson = p.scrape().comparable();
    }
    Map<String, String> viaProtobuf;
    try (TestProcessor p = TestProcessor.start()) {
      assertThat(p.postProtobuf(request).statusCode()).isEqualTo(200);
      viaProtobuf = p.scrape().comparable();
    }
    Map<String, String> viaGrpc;
    try (TestProcessor p = TestProcessor.start()) {
      export(p, request, null, false);
      Scrape s = p.scrape();
      viaGrpc = s.comparable();
      assertThat(
              s.value("tokenmeter_spans_received_total", "transport", "grpc", "result", "accepted"))
          .isEqualByComparingTo("3");
    }
    assertThat(viaJson)
        .containsKey(
            "tokenmeter_tokens_total{model=gpt-4o-2024-08-06, provider=openai, service=checkout,"
                + " token_type=cache_read}");
    assertThat(viaProtobuf).isEqualTo(viaJson);
    assertThat(viaGrpc).isEqualTo(viaJson);
  }

  @Test
  void grpcAcceptsGzipAndEnforcesTheBearerToken() throws Exception {
    ExportTraceServiceRequest request = Otlp.request("svc", Otlp.chat("openai", "gpt-4o", 10, 5));
    try (TestProcessor p = TestProcessor.start("server.auth_token", "tok")) {
      assertThatThrownBy(() -> export(p, request, null, false))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      export(p, request, "Bearer tok", true);
      assertThat(p.scrape().sum("tokenmeter_tokens_total")).isEqualByComparingTo("15");
    }
  }

  @Test
  void grpcRejectsMessagesOverTheSizeLimit() throws Exception {
    ExportTraceServiceRequest big =
        Otlp.request("svc", Otlp.span("x", "payload", "y".repeat(4096)));
    try (TestProcessor p = TestProcessor.start("server.max_request_bytes", "1024")) {
      assertThatThrownBy(() -> export(p, big, null, false))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }
  }

  @Test
  void grpcAnswersInvalidArgumentToABodyThatIsNotAnExportRequestAndCountsIt() throws Exception {
    MethodDescriptor<byte[], ExportTraceServiceResponse> raw =
        EXPORT.toBuilder(RAW, EXPORT.getResponseMarshaller()).build();
    // resource_spans (field 1, length-delimited) announcing 10 bytes, followed by 2
    byte[] truncated = {0x0a, 0x0a, 0x0a, 0x00};
    try (TestProcessor p = TestProcessor.start()) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", p.processor.otlpGrpcPort())
              .usePlaintext()
              .build();
      try {
        assertThatThrownBy(
                () ->
                    ClientCalls.blockingUnaryCall(
                        channel,
                        raw,
                        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                        truncated))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      assertThat(
              p.scrape()
                  .value(
                      "tokenmeter_rejected_requests_total",
                      "transport",
                      "grpc",
                      "signal",
                      "traces",
                      "reason",
                      "bad_request"))
          .isEqualByComparingTo("1");
    }
  }

  private static final MethodDescriptor.Marshaller<byte[]> RAW =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public java.io.InputStream stream(byte[] value) {
          return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(java.io.InputStream stream) {
          throw new UnsupportedOperationException("requests only");
        }
      };

  @Test
  void grpcAnswersUnavailableWhileDraining() throws Exception {
    try (TestProcessor p = TestProcessor.start()) {
      p.processor.drain();
      assertThatThrownBy(() -> export(p, Otlp.request("svc"), null, false))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }
  }

  static void export(TestProcessor p, ExportTraceServiceRequest request, String auth, boolean gzip)
      throws InterruptedException {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", p.processor.otlpGrpcPort())
            .usePlaintext()
            .build();
    try {
      CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
      if (gzip) {
        options = options.withCompression("gzip");
      }
      io.grpc.Channel ch = channel;
      if (auth != null) {
        Metadata md = new Metadata();
        md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), auth);
        ch =
            io.grpc.ClientInterceptors.intercept(
                channel, MetadataUtils.newAttachHeadersInterceptor(md));
      }
      ClientCalls.blockingUnaryCall(ch, EXPORT, options, request);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Parses OTLP/JSON the way a test independent of the receiver would: hex ids to bytes by hand.
   */
  static ExportTraceServiceRequest fromOtlpJson(byte[] json) throws Exception {
    String text = new String(json, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\"(traceId|spanId|parentSpanId)\": \"([0-9a-f]+)\"").matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(m.group(2)));
      m.appendReplacement(sb, "\"" + m.group(1) + "\": \"" + b64 + "\"");
    }
    m.appendTail(sb);
    Message.Builder b = ExportTraceServiceRequest.newBuilder();
    JsonFormat.parser().merge(sb.toString(), b);
    return (ExportTraceServiceRequest) b.build();
  }
}
