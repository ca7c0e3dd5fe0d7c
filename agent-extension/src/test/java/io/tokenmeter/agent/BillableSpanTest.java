/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BillableSpanTest {
  private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
  private final Tracer tracer = provider.get("test");

  @AfterEach
  void shutDown() {
    provider.shutdown();
  }

  @Test
  void aSpanNamingItsOperationIsBillable() {
    assertThat(billable(span().setAttribute("gen_ai.operation.name", "chat"))).isTrue();
  }

  @Test
  void aSpanNamingItsProviderInEitherSpellingIsBillable() {
    assertThat(billable(span().setAttribute("gen_ai.provider.name", "openai"))).isTrue();
    assertThat(billable(span().setAttribute("gen_ai.system", "openai"))).isTrue();
  }

  @Test
  void aTraceloopSpanIsBillable() {
    assertThat(billable(span().setAttribute("llm.request.type", "chat"))).isTrue();
  }

  @Test
  void aSpanCountingInputTokensInEitherSpellingIsBillable() {
    assertThat(billable(span().setAttribute("gen_ai.usage.input_tokens", 10L))).isTrue();
    assertThat(billable(span().setAttribute("gen_ai.usage.prompt_tokens", 10L))).isTrue();
  }

  @Test
  void anHttpSpanWithAModelAndOutputTokensIsNotBillable() {
    assertThat(
            billable(
                span()
                    .setAttribute("http.request.method", "POST")
                    .setAttribute("gen_ai.request.model", "gpt-4o")
                    .setAttribute("gen_ai.usage.output_tokens", 10L)))
        .isFalse();
  }

  private SpanBuilder span() {
    return tracer.spanBuilder("call");
  }

  private static boolean billable(SpanBuilder builder) {
    Span span = builder.startSpan();
    try {
      return BillableSpan.isBillable((ReadableSpan) span);
    } finally {
      span.end();
    }
  }
}
