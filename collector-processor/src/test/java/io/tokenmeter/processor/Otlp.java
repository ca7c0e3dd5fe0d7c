/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Builds OTLP test payloads. */
final class Otlp {
  private Otlp() {}

  static KeyValue kv(String key, Object value) {
    AnyValue.Builder v = AnyValue.newBuilder();
    if (value instanceof String s) {
      v.setStringValue(s);
    } else if (value instanceof Integer i) {
      v.setIntValue(i);
    } else if (value instanceof Long l) {
      v.setIntValue(l);
    } else if (value instanceof Double d) {
      v.setDoubleValue(d);
    } else if (value instanceof Boolean b) {
      v.setBoolValue(b);
    } else {
      throw new IllegalArgumentException(String.valueOf(value));
    }
    return KeyValue.newBuilder().setKey(key).setValue(v).build();
  }

  /** A span with random ids, 1.5 s long, and the given attributes as alternating key, value. */
  static Span span(String name, Object... attributes) {
    byte[] trace = new byte[16];
    byte[] spanId = new byte[8];
    ThreadLocalRandom.current().nextBytes(trace);
    ThreadLocalRandom.current().nextBytes(spanId);
    trace[0] |= 1;
    spanId[0] |= 1;
    long start = 1_700_000_000_000_000_000L;
    Span.Builder b =
        Span.newBuilder()
            .setName(name)
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setTraceId(ByteString.copyFrom(trace))
            .setSpanId(ByteString.copyFrom(spanId))
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + 1_500_000_000L);
    for (int i = 0; i < attributes.length; i += 2) {
      b.addAttributes(kv((String) attributes[i], attributes[i + 1]));
    }
    return b.build();
  }

  static Span chat(String provider, String model, long input, long output, Object... extra) {
    Object[] attrs = new Object[10 + extra.length];
    attrs[0] = "gen_ai.operation.name";
    attrs[1] = "chat";
    attrs[2] = "gen_ai.provider.name";
    attrs[3] = provider;
    attrs[4] = "gen_ai.request.model";
    attrs[5] = model;
    attrs[6] = "gen_ai.usage.input_tokens";
    attrs[7] = input;
    attrs[8] = "gen_ai.usage.output_tokens";
    attrs[9] = output;
    System.arraycopy(extra, 0, attrs, 10, extra.length);
    return span("chat " + model, attrs);
  }

  static ExportTraceServiceRequest request(String service, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", service)))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build();
  }

  static ExportTraceServiceRequest request(String service, Span... spans) {
    return request(service, List.of(spans));
  }
}
