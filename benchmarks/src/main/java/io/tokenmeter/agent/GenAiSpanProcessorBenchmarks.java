package io.tokenmeter.agent;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.tokenmeter.pricing.PriceCatalog;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The extension's per-span work end to end: a span started and ended on an in-memory SDK {@link
 * SdkTracerProvider} with the extension's {@link GenAiSpanProcessor} (attribution at start from
 * Baggage, pricing and the cost/usage metrics while ending), next to the same span on a provider
 * without it. Our cost per call is the difference of each pair. In this package because the
 * processor is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GenAiSpanProcessorBenchmarks {
  private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

  private SdkTracerProvider withTokenmeter;
  private SdkTracerProvider sdkOnly;
  private SdkMeterProvider meters;
  private Tracer tokenmeterTracer;
  private Tracer sdkOnlyTracer;
  private Context withBaggage;

  @Setup
  public void setUp() {
    // The extension records its cost counter and token histograms on the global MeterProvider.
    GlobalOpenTelemetry.resetForTest();
    meters = SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setMeterProvider(meters).build());
    TokenmeterConfig config = TokenmeterConfig.from(key -> null);
    withTokenmeter =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                new GenAiSpanProcessor(
                    new AttributionResolver(config), new SpanCostEnricher(PriceCatalog.bundled())))
            .build();
    sdkOnly = SdkTracerProvider.builder().build();
    // A scope whose maker records no GenAI metrics (like an SDK's own spans): the extension's most
    // expensive path, recording token and duration histograms as well as the cost counter.
    tokenmeterTracer = withTokenmeter.get("com.example.llm-sdk");
    sdkOnlyTracer = sdkOnly.get("com.example.llm-sdk");
    withBaggage =
        Context.root()
            .with(
                Baggage.builder()
                    .put("user.id", "user-4711")
                    .put("session.id", "session-0815")
                    .build());
  }

  @TearDown
  public void tearDown() {
    withTokenmeter.close();
    sdkOnly.close();
    meters.close();
    GlobalOpenTelemetry.resetForTest();
  }

  @Benchmark
  public Span genAiSpanWithBaggage_tokenmeter() {
    return genAiSpan(tokenmeterTracer);
  }

  @Benchmark
  public Span genAiSpanWithBaggage_sdkOnly() {
    return genAiSpan(sdkOnlyTracer);
  }

  @Benchmark
  public Span plainSpan_tokenmeter() {
    return plainSpan(tokenmeterTracer);
  }

  @Benchmark
  public Span plainSpan_sdkOnly() {
    return plainSpan(sdkOnlyTracer);
  }

  /** What an instrumenter does: request attributes at start, response attributes before the end. */
  private Span genAiSpan(Tracer tracer) {
    Span span =
        tracer
            .spanBuilder("chat gpt-4o-mini")
            .setParent(withBaggage)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(GenAiAttributes.OPERATION_NAME, "chat")
            .setAttribute(GenAiAttributes.PROVIDER_NAME, "openai")
            .setAttribute(GenAiAttributes.REQUEST_MODEL, "gpt-4o-mini")
            .setAttribute(GenAiAttributes.SERVER_ADDRESS, "api.openai.com")
            .startSpan();
    span.setAttribute(GenAiAttributes.RESPONSE_MODEL, "gpt-4o-mini-2024-07-18");
    span.setAttribute(GenAiAttributes.INPUT_TOKENS, 1_200L);
    span.setAttribute(GenAiAttributes.OUTPUT_TOKENS, 800L);
    span.setAttribute(GenAiAttributes.CACHE_READ_TOKENS, 400L);
    span.setAttribute(GenAiAttributes.REASONING_TOKENS, 300L);
    span.end();
    return span;
  }

  private Span plainSpan(Tracer tracer) {
    Span span =
        tracer
            .spanBuilder("GET /orders")
            .setParent(withBaggage)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(HTTP_ROUTE, "/orders")
            .startSpan();
    span.end();
    return span;
  }
}
