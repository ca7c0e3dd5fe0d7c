/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass reader gives exactly what decoding and normalising give, or leaves it to them. */
class TraceRequestReaderTest {
  private static final String[] KEYS = {
    "gen_ai.operation.name",
    "gen_ai.provider.name",
    "gen_ai.system",
    "gen_ai.response.model",
    "gen_ai.request.model",
    "gen_ai.usage.input_tokens",
    "gen_ai.usage.prompt_tokens",
    "gen_ai.usage.output_tokens",
    "gen_ai.usage.completion_tokens",
    "gen_ai.usage.cache_read.input_tokens",
    "gen_ai.usage.cache_read_input_tokens",
    "gen_ai.usage.cache_creation.input_tokens",
    "gen_ai.usage.cache_write.input_tokens",
    "gen_ai.usage.cache_creation_input_tokens",
    "gen_ai.usage.reasoning.output_tokens",
    "gen_ai.usage.reasoning_tokens",
    "session.id",
    "gen_ai.conversation.id",
    "langfuse.session.id",
    "traceloop.association.properties.session_id",
    "user.id",
    "enduser.id",
    "langfuse.user.id",
    "traceloop.association.properties.user_id",
    "gen_ai.agent.name",
    "tokenmeter.cost.usd",
    "tokenmeter.cost.input_usd",
    "tokenmeter.cost.output_usd",
    "tokenmeter.cost.cache_read_usd",
    "tokenmeter.cost.cache_write_usd",
    "gen_ai.usage.cost",
    "error.type",
    "gen_ai.response.time_to_first_chunk",
    "gen_ai.server.time_to_first_token",
    "llm.request.type",
    "tokenmeter.dim.team",
    "tokenmeter.dim.",
    "tokenmeter.dim.région",
    "server.address",
    "http.request.method",
    "gen_ai.response.id",
    "ключ",
    ""
  };

  /** What decoding the request and normalising its spans gives. */
  private static TraceRequestReader.Result viaMessages(byte[] body)
      throws InvalidProtocolBufferException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
    long spans = 0;
    List<GenAiCall> calls = new ArrayList<>();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      String service = SpanNormalizer.serviceName(rs.getResource());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          spans++;
          GenAiCall call = NormalizedSpans.call(service, span);
          if (call != null) {
            calls.add(call);
          }
        }
      }
    }
    return new TraceRequestReader.Result(spans, calls);
  }

  @Test
  void readsWhatDecodingGivesFromRandomRequests() throws Exception {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 2_000; i++) {
      byte[] body = request(random).toByteArray();
      TraceRequestReader.Result read = TraceRequestReader.read(body);
      assertThat(read).isNotNull();
      assertThat(read).isEqualTo(viaMessages(body));
    }
  }

  @Test
  void neverAcceptsWhatDecodingRefusesNorReadsItDifferently() throws Exception {
    SplittableRandom random = new SplittableRandom(2);
    int read = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] body = request(random).toByteArray();
      byte[] mutated = mutate(body, random);
      TraceRequestReader.Result fast = TraceRequestReader.read(mutated);
      if (fast == null) {
        continue; // left to decoding, which is always right
      }
      read++;
      assertThat(fast).as("mutation %d", i).isEqualTo(viaMessages(mutated));
    }
    assertThat(read).isGreaterThan(1_000);
  }

  @Test
  void leavesInvalidUtf8ToDecoding() {
    Span span =
        Span.newBuilder()
            .setName("chat ok")
            .addAttributes(text("gen_ai.operation.name", "chat"))
            .addAttributes(text("gen_ai.request.model", "model-utf8-check"))
            .addAttributes(text("user.id", "user-utf8-check"))
            .addAttributes(text("custom-utf8-check", "v"))
            .build();
    for (String where : List.of("chat ok", "model-utf8-check", "user-utf8-check", "custom-utf8")) {
      byte[] body = oneSpan(span).toByteArray();
      assertThat(TraceRequestReader.read(body)).isNotNull();
      int at = indexOf(body, where.getBytes(StandardCharsets.UTF_8));
      body[at + 4] = (byte) 0xC0; // an overlong encoding start
      assertThat(TraceRequestReader.read(body)).as(where).isNull();
      assertThat(decodes(body)).as(where).isFalse();
    }
  }

  @Test
  void leavesMergedStatusesToDecoding() throws Exception {
    Span span =
        Span.newBuilder()
            .addAttributes(text("gen_ai.operation.name", "chat"))
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .build();
    ByteArrayOutputStream twice = new ByteArrayOutputStream();
    twice.write(span.toByteArray());
    CodedOutputStream out = CodedOutputStream.newInstance(twice);
    out.writeMessage(15, Status.newBuilder().setMessage("again").build());
    out.flush();
    byte[] body = oneSpan(Span.parseFrom(twice.toByteArray())).toByteArray();
    // re-encoding drops the duplicate, so splice it in by hand
    byte[] spliced = spanWithTrailer(twice.toByteArray());
    assertThat(TraceRequestReader.read(body)).isNotNull();
    assertThat(TraceRequestReader.read(spliced)).isNull();
    assertThat(decodes(spliced)).isTrue();
  }

  @Test
  void readsFieldsInAnyOrderWithUnknownFieldsBetween() throws Exception {
    Span span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3}))
            .addAttributes(text("gen_ai.request.model", "gpt-4o"))
            .addAttributes(text("gen_ai.operation.name", "chat"))
            .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeUInt64(99, 7); // unknown varint field
    out.writeByteArray(98, new byte[] {(byte) 0xff}); // unknown bytes field, not UTF-8
    out.flush();
    bytes.write(span.toByteArray());
    byte[] body = spanWithTrailer(bytes.toByteArray());
    TraceRequestReader.Result read = TraceRequestReader.read(body);
    assertThat(read).isNotNull().isEqualTo(viaMessages(body));
    assertThat(read.calls()).singleElement().extracting(GenAiCall::model).isEqualTo("gpt-4o");
  }

  private static byte[] spanWithTrailer(byte[] spanBytes) throws Exception {
    ByteArrayOutputStream scope = new ByteArrayOutputStream();
    CodedOutputStream s = CodedOutputStream.newInstance(scope);
    s.writeByteArray(2, spanBytes);
    s.flush();
    ByteArrayOutputStream rs = new ByteArrayOutputStream();
    CodedOutputStream r = CodedOutputStream.newInstance(rs);
    r.writeByteArray(2, scope.toByteArray());
    r.writeMessage(1, Resource.newBuilder().addAttributes(text("service.name", "svc")).build());
    r.flush();
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    CodedOutputStream q = CodedOutputStream.newInstance(req);
    q.writeByteArray(1, rs.toByteArray());
    q.flush();
    return req.toByteArray();
  }

  private static boolean decodes(byte[] body) {
    try {
      ExportTraceServiceRequest.parseFrom(body);
      return true;
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  private static int indexOf(byte[] body, byte[] part) {
    for (int i = 0; i + part.length <= body.length; i++) {
      if (Arrays.equals(body, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static ExportTraceServiceRequest oneSpan(Span span) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  private static byte[] mutate(byte[] body, SplittableRandom random) {
    byte[] b = body.clone();
    switch (random.nextInt(4)) {
      case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length));
      case 2 -> {
        for (int i = 0; i < 3; i++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      default -> {
        int at = random.nextInt(b.length);
        byte[] longer = new byte[b.length + 1];
        System.arraycopy(b, 0, longer, 0, at);
        longer[at] = (byte) random.nextInt(256);
        System.arraycopy(b, at, longer, at + 1, b.length - at);
        b = longer;
      }
    }
    return b;
  }

  private static ExportTraceServiceRequest request(SplittableRandom random) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (int r = 0, n = 1 + random.nextInt(2); r < n; r++) {
      ResourceSpans.Builder rs = ResourceSpans.newBuilder().setSchemaUrl("https://x/1");
      if (random.nextInt(5) > 0) {
        Resource.Builder resource = Resource.newBuilder().addAttributes(text("host.name", "h"));
        if (random.nextInt(4) > 0) {
          resource.addAttributes(
              random.nextInt(5) == 0
                  ? KeyValue.newBuilder().setKey("service.name").setValue(value(random)).build()
                  : text("service.name", "svc-" + random.nextInt(3)));
        }
        if (random.nextBoolean()) {
          resource.addEntityRefs(EntityRef.newBuilder().setType("service").addIdKeys("k"));
        }
        rs.setResource(resource);
      }
      for (int s = 0, m = 1 + random.nextInt(2); s < m; s++) {
        ScopeSpans.Builder scope =
            ScopeSpans.newBuilder()
                .setScope(
                    InstrumentationScope.newBuilder()
                        .setName("io.tokenmeter.openai-java")
                        .addAttributes(text("scope.attr", "v")));
        for (int i = 0, k = random.nextInt(6); i < k; i++) {
          scope.addSpans(span(random));
        }
        rs.addScopeSpans(scope);
      }
      request.addResourceSpans(rs);
    }
    return request.build();
  }

  private static Span span(SplittableRandom random) {
    Span.Builder span =
        Span.newBuilder()
            .setName("chat m")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setTraceState("a=b");
    if (random.nextInt(5) > 0) {
      span.setTraceId(bytes(random, 16)).setSpanId(bytes(random, 8));
    }
    if (random.nextInt(5) > 0) {
      long start = random.nextLong(1L << 60);
      span.setStartTimeUnixNano(start)
          .setEndTimeUnixNano(start + random.nextLong(-5, 3_000_000_000L));
    }
    for (int i = 0, n = random.nextInt(14); i < n; i++) {
      span.addAttributes(
          KeyValue.newBuilder().setKey(KEYS[random.nextInt(KEYS.length)]).setValue(value(random)));
    }
    if (random.nextInt(3) == 0) {
      span.setStatus(
          Status.newBuilder()
              .setCodeValue(random.nextInt(4))
              .setMessage(random.nextBoolean() ? "x" : ""));
    }
    if (random.nextInt(4) == 0) {
      span.addEvents(
          Span.Event.newBuilder().setName("e").setTimeUnixNano(5).addAttributes(text("k", "v")));
      span.addLinks(
          Span.Link.newBuilder().setTraceId(bytes(random, 16)).setTraceState("s").setFlags(1));
    }
    return span.build();
  }

  private static AnyValue value(SplittableRandom random) {
    return switch (random.nextInt(12)) {
      case 0 -> AnyValue.newBuilder().setStringValue("").build();
      case 1, 2 ->
          AnyValue.newBuilder()
              .setStringValue(
                  new String[] {
                        "openai", "OpenAI", "gpt-4o", "chat", "alice", " 42 ", "0.0015", "x"
                      }
                      [random.nextInt(8)])
              .build();
      case 3 -> AnyValue.newBuilder().setIntValue(random.nextLong(-3, 100_000)).build();
      case 4 -> AnyValue.newBuilder().setIntValue(random.nextLong()).build();
      case 5 -> AnyValue.newBuilder().setDoubleValue(random.nextInt(100_000) * 0.15e-6).build();
      case 6 ->
          AnyValue.newBuilder()
              .setDoubleValue(
                  new double[] {Double.NaN, -1.5, 1e300, 1e-40, 2.0, 0.5e-12, 123.0}
                      [random.nextInt(7)])
              .build();
      case 7 -> AnyValue.newBuilder().setBoolValue(random.nextBoolean()).build();
      case 8 ->
          AnyValue.newBuilder()
              .setArrayValue(
                  ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue("s")))
              .build();
      case 9 ->
          AnyValue.newBuilder()
              .setKvlistValue(KeyValueList.newBuilder().addValues(text("a", "b")))
              .build();
      case 10 -> AnyValue.newBuilder().setBytesValue(bytes(random, 3)).build();
      default -> AnyValue.getDefaultInstance();
    };
  }

  private static KeyValue text(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static ByteString bytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return ByteString.copyFrom(b);
  }
}
