/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tokenmeter.pricing.PriceCatalog;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenAiSpanProcessorTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final Map<String, String> settings = new HashMap<>();
  private SdkTracerProvider provider;

  private Tracer tracer() {
    TokenmeterConfig config = TokenmeterConfig.from(settings::get);
    provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                new GenAiSpanProcessor(
                    new AttributionResolver(config), new GenAiSpanRecorder(PriceCatalog.bundled())))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    return provider.get("test");
  }

  @AfterEach
  void shutDown() {
    provider.shutdown();
  }

  private static SpanBuilder chat(Tracer tracer, String provider, String model) {
    return tracer
        .spanBuilder("chat " + model)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(GenAiAttributes.OPERATION_NAME, "chat")
        .setAttribute(GenAiAttributes.PROVIDER_NAME, provider)
        .setAttribute(GenAiAttributes.REQUEST_MODEL, model);
  }

  private SpanData only() {
    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
    return exporter.getFinishedSpanItems().get(0);
  }

  @Test
  void pricesCachedPromptTokensAtTheCacheReadRate() {
    Span span = chat(tracer(), "openai", "gpt-4o-mini").startSpan();
    span.setAttribute(GenAiAttributes.RESPONSE_MODEL, "gpt-4o-mini-2024-07-18");
    span.setAttribute(GenAiAttributes.INPUT_TOKENS, 1200L);
    span.setAttribute(GenAiAttributes.CACHE_READ_TOKENS, 200L);
    span.setAttribute(GenAiAttributes.OUTPUT_TOKENS, 300L);
    span.end();

    Attributes attributes = only().getAttributes();
    // 1000 x $0.15 + 200 x $0.075 + 300 x $0.60, per million tokens.
    assertThat(attributes.get(GenAiAttributes.COST_USD)).isCloseTo(0.000345, within(1e-15));
    assertThat(attributes.get(GenAiAttributes.COST_INPUT_USD)).isCloseTo(0.00015, within(1e-15));
    assertThat(attributes.get(GenAiAttributes.COST_CACHE_READ_USD))
        .isCloseTo(0.000015, within(1e-15));
    assertThat(attributes.get(GenAiAttributes.COST_OUTPUT_USD)).isCloseTo(0.00018, within(1e-15));
    assertThat(attributes.get(GenAiAttributes.COST_CACHE_WRITE_USD)).isZero();
    assertThat(attributes.get(GenAiAttributes.PRICING_MODEL)).isEqualTo("openai/gpt-4o-mini");
  }

  @Test
  void readsTheCacheWriteSpellingOfAnthropicsOwnSpansAndPricesCacheCreation() {
    Span span = chat(tracer(), "anthropic", "claude-sonnet-4-5").startSpan();
    span.setAttribute(GenAiAttributes.INPUT_TOKENS, 1500L);
    span.setAttribute(GenAiAttributes.CACHE_READ_TOKENS, 1000L);
    span.setAttribute(GenAiAttributes.CACHE_WRITE_TOKENS, 300L);
    span.setAttribute(GenAiAttributes.OUTPUT_TOKENS, 200L);
    span.end();

    Attributes attributes = only().getAttributes();
    assertThat(attributes.get(GenAiAttributes.CACHE_CREATION_TOKENS)).isEqualTo(300L);
    // 200 x $3 + 1000 x $0.30 + 300 x $3.75 + 200 x $15, per million tokens.
    assertThat(attributes.get(GenAiAttributes.COST_USD)).isCloseTo(0.005025, within(1e-15));
  }

  @Test
  void leavesUnknownModelsUnpriced() {
    Span span = chat(tracer(), "openai", "my-finetune-x").startSpan();
    span.setAttribute(GenAiAttributes.INPUT_TOKENS, 10L);
    span.setAttribute(GenAiAttributes.OUTPUT_TOKENS, 10L);
    span.end();

    Attributes attributes = only().getAttributes();
    assertThat(attributes.get(GenAiAttributes.COST_USD)).isNull();
    assertThat(attributes.get(GenAiAttributes.PRICING_MODEL)).isNull();
  }

  @Test
  void marksACallThatReportedNoUsageAsMissingNotZero() {
    chat(tracer(), "openai", "gpt-4o").startSpan().end();

    Attributes attributes = only().getAttributes();
    assertThat(attributes.get(GenAiAttributes.USAGE_MISSING)).isTrue();
    assertThat(attributes.get(GenAiAttributes.INPUT_TOKENS)).isNull();
    assertThat(attributes.get(GenAiAttributes.COST_USD)).isNull();
  }

  @Test
  void doesNotExpectUsageFromAFailedCall() {
    Span span = chat(tracer(), "openai", "gpt-4o").startSpan();
    span.setAttribute(GenAiAttributes.ERROR_TYPE, "429");
    span.end();

    assertThat(only().getAttributes().get(GenAiAttributes.USAGE_MISSING)).isNull();
  }

  @Test
  void leavesOtherSpansAlone() {
    tracer().spanBuilder("GET /").setAttribute("user.id", "x").startSpan().end();

    assertThat(only().getAttributes().size()).isEqualTo(1);
  }

  @Test
  void baggageUserAndSessionOutrankTheRequestUser() {
    Tracer tracer = tracer();
    Baggage baggage = Baggage.builder().put("user.id", "alice").put("session.id", "s-1").build();
    try (Scope ignored = baggage.makeCurrent()) {
      chat(tracer, "openai", "gpt-4o")
          .setAttribute(GenAiAttributes.REQUEST_USER, "u-request")
          .startSpan()
          .end();
    }

    Attributes attributes = only().getAttributes();
    assertThat(attributes.get(GenAiAttributes.USER_ID)).isEqualTo("alice");
    assertThat(attributes.get(GenAiAttributes.SESSION_ID)).isEqualTo("s-1");
  }

  @Test
  void fallsBackToTheRequestUserAndTheConversationId() {
    chat(tracer(), "openai", "gpt-4o")
        .setAttribute(GenAiAttributes.REQUEST_USER, "u-request")
        .setAttribute(GenAiAttributes.CONVERSATION_ID, "conv-9")
        .startSpan()
        .end();

    Attributes attributes = only().getAttributes();
    assertThat(attributes.get(GenAiAttributes.USER_ID)).isEqualTo("u-request");
    assertThat(attributes.get(GenAiAttributes.SESSION_ID)).isEqualTo("conv-9");
  }

  @Test
  void ignoresTheRequestUserWhenConfiguredTo() {
    settings.put("otel.instrumentation.tokenmeter.user.from-request", "false");
    chat(tracer(), "openai", "gpt-4o")
        .setAttribute(GenAiAttributes.REQUEST_USER, "u-request")
        .startSpan()
        .end();

    assertThat(only().getAttributes().get(GenAiAttributes.USER_ID)).isNull();
  }

  @Test
  void hashesUserIdsWithTheConfiguredSalt() {
    settings.put("otel.instrumentation.tokenmeter.user.hash-salt", "pepper");
    Tracer tracer = tracer();
    try (Scope ignored = Baggage.builder().put("user.id", "alice").build().makeCurrent()) {
      chat(tracer, "openai", "gpt-4o").startSpan().end();
    }

    String user = only().getAttributes().get(GenAiAttributes.USER_ID);
    assertThat(user).startsWith("sha256:").hasSize(7 + 32).doesNotContain("alice");
    assertThat(user).isEqualTo(UserIdHasher.withSalt("pepper").apply("alice"));
    assertThat(user).isNotEqualTo(UserIdHasher.withSalt("salt").apply("alice"));
  }

  @Test
  void copiesConfiguredBaggageDimensions() {
    settings.put("otel.instrumentation.tokenmeter.dimensions", "team, tenant");
    Tracer tracer = tracer();
    try (Scope ignored = Baggage.builder().put("team", "search").build().makeCurrent()) {
      chat(tracer, "openai", "gpt-4o").startSpan().end();
    }

    Attributes attributes = only().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("tokenmeter.dim.team"))).isEqualTo("search");
    assertThat(attributes.get(AttributeKey.stringKey("tokenmeter.dim.tenant"))).isNull();
  }

  @Test
  void takesUserAndSessionFromTheLocalRootSpanIncludingCapturedHeaders() {
    Tracer tracer = tracer();
    Instrumenter<String, Void> server =
        Instrumenter.<String, Void>builder(
                OpenTelemetrySdk.builder().setTracerProvider(provider).build(),
                "test",
                request -> "GET /")
            .addAttributesExtractor(
                new AttributesExtractor<String, Void>() {
                  @Override
                  public void onStart(
                      AttributesBuilder attributes, Context parent, String request) {
                    attributes.put(
                        AttributeKey.stringArrayKey("http.request.header.x-user-id"),
                        Collections.singletonList("u-header"));
                    attributes.put(AttributeKey.stringKey("session.id"), "s-root");
                  }

                  @Override
                  public void onEnd(
                      AttributesBuilder attributes,
                      Context context,
                      String request,
                      Void response,
                      Throwable error) {}
                })
            .buildInstrumenter(SpanKindExtractor.alwaysServer());
    Context request = server.start(Context.root(), "GET /");
    try (Scope ignored = request.makeCurrent()) {
      chat(tracer, "openai", "gpt-4o").startSpan().end();
    }
    server.end(request, "GET /", null, null);

    SpanData chat =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getName().startsWith("chat"))
            .findFirst()
            .get();
    assertThat(chat.getAttributes().get(GenAiAttributes.USER_ID)).isEqualTo("u-header");
    assertThat(chat.getAttributes().get(GenAiAttributes.SESSION_ID)).isEqualTo("s-root");
  }

  @Test
  void adoptsTheRequestUserHandedToASpanWeDidNotStart() {
    Span span = chat(tracer(), "anthropic", "claude-haiku-4-5").startSpan();
    span.setAttribute(GenAiAttributes.REQUEST_USER, "u-sdk");
    span.end();

    assertThat(only().getAttributes().get(GenAiAttributes.USER_ID)).isEqualTo("u-sdk");
  }
}
