/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanDimensionsTest {
  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static Span.Builder chat() {
    return Span.newBuilder()
        .addAttributes(kv("gen_ai.operation.name", "chat"))
        .addAttributes(kv("gen_ai.request.model", "gpt-4o-mini"));
  }

  @Test
  void readsTokenmeterDimStringAttributes() {
    Span span =
        chat()
            .addAttributes(kv("tokenmeter.dim.team", "search"))
            .addAttributes(kv("tokenmeter.dim.tenant", "acme"))
            .addAttributes(kv("tokenmeter.dim.", "no key"))
            .addAttributes(kv("tokenmeter.dim.empty", ""))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("tokenmeter.dim.count")
                    .setValue(AnyValue.newBuilder().setIntValue(3)))
            .build();
    GenAiCall call = NormalizedSpans.call("svc", span);
    assertThat(call.dimensions()).isEqualTo(Map.of("team", "search", "tenant", "acme"));
  }

  @Test
  void spansWithoutDimensionsShareTheEmptyMap() {
    GenAiCall call = NormalizedSpans.call("svc", chat().build());
    assertThat(call.dimensions()).isSameAs(Map.of());
  }

  @Test
  void keepsAtMostSixteenDimensions() {
    Span.Builder b = chat();
    for (int i = 0; i < 20; i++) {
      b.addAttributes(kv("tokenmeter.dim.k" + i, "v" + i));
    }
    GenAiCall call = NormalizedSpans.call("svc", b.build());
    assertThat(call.dimensions()).hasSize(GenAiCall.MAX_DIMENSIONS).containsEntry("k0", "v0");
  }
}
