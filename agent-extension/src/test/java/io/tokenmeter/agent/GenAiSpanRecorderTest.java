/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tokenmeter.pricing.Cost;
import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.ModelPrice;
import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.pricing.TokenUsage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cost attributes and the metrics a finished GenAI span gets, with their exact values. */
class GenAiSpanRecorderTest {
  private static final String SDK_SCOPE = "com.example.llm-sdk";
  private static final AttributeKey<String> TOKEN_TYPE =
      AttributeKey.stringKey("gen_ai.token.type");

  private final PriceCatalog catalog = PriceCatalog.bundled();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metricReader = InMemoryMetricReader.create();
  private final SdkMeterProvider meters =
      SdkMeterProvider.builder().registerMetricReader(metricReader).build();
  private final SdkTracerProvider tracers =
      SdkTracerProvider.builder()
          .addSpanProcessor(
              new GenAiSpanProcessor(
                  new AttributionResolver(TokenmeterConfig.from(key -> null)),
                  new GenAiSpanRecorder(
                      catalog, new AgentMetrics(meters.get("io.tokenmeter.agent")))))
          .addSpanProcessor(SimpleSpanProcessor.create(spans))
          .build();

  @AfterEach
  void shutDown() {
    tracers.shutdown();
    meters.shutdown();
  }

  private Span chat(String scope, String provider, String model) {
    Tracer tracer = tracers.get(scope);
    return tracer
        .spanBuilder("chat " + model)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(GenAiAttributes.OPERATION_NAME, "chat")
        .setAttribute(GenAiAttributes.PROVIDER_NAME, provider)
        .setAttribute(GenAiAttributes.REQUEST_MODEL, model)
        .setAttribute(GenAiAttributes.SERVER_ADDRESS, "api.example.com")
        .startSpan();
  }

  private static void usage(Span span, long input, long output) {
    span.setAttribute(GenAiAttributes.INPUT_TOKENS, input);
    span.setAttribute(GenAiAttributes.OUTPUT_TOKENS, output);
  }

  private static Attributes chatAttributes(
      String provider, String requestModel, String responseModel) {
    return Attributes.builder()
        .put(GenAiAttributes.OPERATION_NAME, "chat")
        .put(GenAiAttributes.PROVIDER_NAME, provider)
        .put(GenAiAttributes.REQUEST_MODEL, requestModel)
        .put(GenAiAttributes.RESPONSE_MODEL, responseModel)
        .put(GenAiAttributes.SERVER_ADDRESS, "api.example.com")
        .build();
  }

  private Map<String, MetricData> metrics() {
    Map<String, MetricData> byName = new HashMap<>();
    for (MetricData metric : metricReader.collectAllMetrics()) {
      byName.put(metric.getName(), metric);
    }
    return byName;
  }

  private static Map<Attributes, PointData> points(MetricData metric) {
    Map<Attributes, PointData> byAttributes = new HashMap<>();
    Collection<? extends PointData> points = metric.getData().getPoints();
    for (PointData point : points) {
      byAttributes.put(point.getAttributes(), point);
    }
    return byAttributes;
  }

  private static HistogramPointData histogram(MetricData metric, Attributes attributes) {
    PointData point = points(metric).get(attributes);
    assertThat(point).as("%s point with %s", metric.getName(), attributes).isNotNull();
    return (HistogramPointData) point;
  }

  private static double sum(MetricData metric, Attributes attributes) {
    PointData point = points(metric).get(attributes);
    assertThat(point).as("%s point with %s", metric.getName(), attributes).isNotNull();
    return ((DoublePointData) point).getValue();
  }

  @Test
  void recordsTokensPerTypeDurationAndCostWithTheSpansMetricAttributes() {
    Span span = chat(SDK_SCOPE, "openai", "gpt-4o-mini");
    span.setAttribute(GenAiAttributes.RESPONSE_MODEL, "gpt-4o-mini-2024-07-18");
    usage(span, 1200, 300);
    span.end();

    Attributes attributes = chatAttributes("openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18");
    Map<String, MetricData> metrics = metrics();
    MetricData tokens = metrics.get("gen_ai.client.token.usage");
    assertThat(points(tokens)).hasSize(2);
    Attributes input = attributes.toBuilder().put(TOKEN_TYPE, "input").build();
    Attributes output = attributes.toBuilder().put(TOKEN_TYPE, "output").build();
    assertThat(histogram(tokens, input).getSum()).isEqualTo(1200);
    assertThat(histogram(tokens, output).getSum()).isEqualTo(300);
    assertThat(points(metrics.get("gen_ai.client.operation.duration")).keySet())
        .containsExactly(attributes);
    assertThat(sum(metrics.get("tokenmeter.client.cost"), attributes))
        .isEqualTo(
            spans.getFinishedSpanItems().get(0).getAttributes().get(GenAiAttributes.COST_USD));
  }

  @Test
  void keepsOneSeriesPerDistinctAttributeSet() {
    for (int i = 0; i < 3; i++) {
      Span span = chat(SDK_SCOPE, "openai", "gpt-4o");
      usage(span, 100, 10);
      span.end();
    }
    Span failed = chat(SDK_SCOPE, "openai", "gpt-4o");
    failed.setAttribute(GenAiAttributes.ERROR_TYPE, "429");
    failed.end();
    Span streamed = chat(SDK_SCOPE, "openai", "gpt-4o");
    usage(streamed, 100, 10);
    streamed.setAttribute(GenAiAttributes.TIME_TO_FIRST_CHUNK, 0.25);
    streamed.end();

    Attributes ok =
        Attributes.builder()
            .put(GenAiAttributes.OPERATION_NAME, "chat")
            .put(GenAiAttributes.PROVIDER_NAME, "openai")
            .put(GenAiAttributes.REQUEST_MODEL, "gpt-4o")
            .put(GenAiAttributes.SERVER_ADDRESS, "api.example.com")
            .build();
    Attributes error = ok.toBuilder().put(GenAiAttributes.ERROR_TYPE, "429").build();
    Map<String, MetricData> metrics = metrics();
    MetricData tokens = metrics.get("gen_ai.client.token.usage");
    assertThat(points(tokens)).hasSize(2);
    assertThat(histogram(tokens, ok.toBuilder().put(TOKEN_TYPE, "input").build()).getCount())
        .isEqualTo(4);
    assertThat(histogram(tokens, ok.toBuilder().put(TOKEN_TYPE, "output").build()).getSum())
        .isEqualTo(40);
    MetricData duration = metrics.get("gen_ai.client.operation.duration");
    assertThat(points(duration).keySet()).containsExactlyInAnyOrder(ok, error);
    assertThat(histogram(duration, ok).getCount()).isEqualTo(4);
    assertThat(histogram(duration, error).getCount()).isEqualTo(1);
    MetricData firstChunk = metrics.get("gen_ai.client.operation.time_to_first_chunk");
    assertThat(histogram(firstChunk, ok).getSum()).isEqualTo(0.25);
    assertThat(points(metrics.get("tokenmeter.client.cost")).keySet()).containsExactly(ok);
  }

  @Test
  void namesTheProviderFromGenAiSystemWhenTheSpanHasNoProviderName() {
    Span span =
        tracers
            .get(SDK_SCOPE)
            .spanBuilder("chat")
            .setAttribute(GenAiAttributes.SYSTEM, "anthropic")
            .setAttribute(GenAiAttributes.REQUEST_MODEL, "claude-haiku-4-5")
            .startSpan();
    usage(span, 10, 10);
    span.end();

    Attributes attributes =
        Attributes.builder()
            .put(GenAiAttributes.PROVIDER_NAME, "anthropic")
            .put(GenAiAttributes.REQUEST_MODEL, "claude-haiku-4-5")
            .build();
    Map<String, MetricData> metrics = metrics();
    assertThat(points(metrics.get("gen_ai.client.operation.duration")).keySet())
        .containsExactly(attributes);
    assertThat(points(metrics.get("tokenmeter.client.cost")).keySet()).containsExactly(attributes);
  }

  @Test
  void leavesTokenAndDurationMetricsToScopesThatRecordTheirOwn() {
    Span span = chat("io.opentelemetry.openai-java-1.1", "openai", "gpt-4o");
    usage(span, 100, 10);
    span.end();

    Map<String, MetricData> metrics = metrics();
    assertThat(metrics)
        .doesNotContainKeys("gen_ai.client.token.usage", "gen_ai.client.operation.duration");
    assertThat(metrics).containsKey("tokenmeter.client.cost");
  }

  @Test
  void keepsEverySeriesApartBeyondAnyNumberOfDistinctModels() {
    int models =
        900; // well beyond what the extension remembers, within the SDK's cardinality limit
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < models; i++) {
        Span span = chat(SDK_SCOPE, "openai", "gpt-4o");
        span.setAttribute(GenAiAttributes.RESPONSE_MODEL, "gpt-4o-" + i);
        usage(span, i + 1, 1);
        span.end();
      }
    }

    MetricData tokens = metrics().get("gen_ai.client.token.usage");
    assertThat(points(tokens).size()).isEqualTo(2 * models);
    for (int i = 0; i < models; i++) {
      Attributes input =
          chatAttributes("openai", "gpt-4o", "gpt-4o-" + i).toBuilder()
              .put(TOKEN_TYPE, "input")
              .build();
      assertThat(histogram(tokens, input).getSum()).as("model %s", i).isEqualTo(2 * (i + 1));
    }
  }

  /**
   * The cost attributes are the exact decimal costs as the nearest double, for every bundled row,
   * below and above its long-context threshold, with every kind of token.
   */
  @Test
  void setsTheExactCostOfEveryBundledRowAsTheNearestDouble() {
    List<ModelPrice> rows = new ArrayList<>();
    for (ModelPrice row : catalog.entries()) {
      if (catalog.find(row.provider(), row.model()) == row) {
        rows.add(row);
      }
    }
    assertThat(rows).hasSizeGreaterThan(catalog.size() * 9 / 10);
    int checked = 0;
    for (ModelPrice row : rows) {
      for (TokenUsage usage : usages(row)) {
        Span span = chat(SDK_SCOPE, row.provider(), row.model());
        span.setAttribute(GenAiAttributes.INPUT_TOKENS, usage.inputTokens());
        span.setAttribute(GenAiAttributes.OUTPUT_TOKENS, usage.outputTokens());
        span.setAttribute(GenAiAttributes.CACHE_READ_TOKENS, usage.cacheReadTokens());
        span.setAttribute(GenAiAttributes.CACHE_CREATION_TOKENS, usage.cacheCreationTokens());
        span.setAttribute(GenAiAttributes.REASONING_TOKENS, usage.reasoningTokens());
        span.end();
        assertCost(spans.getFinishedSpanItems().get(checked++), CostCalculator.cost(row, usage));
      }
    }
  }

  private static List<TokenUsage> usages(ModelPrice row) {
    List<TokenUsage> usages = new ArrayList<>();
    usages.add(TokenUsage.of(1, 1, 0, 0, 0));
    usages.add(TokenUsage.of(1200, 800, 400, 0, 300));
    usages.add(TokenUsage.of(123_457, 98_765, 54_321, 11_111, 7_777));
    usages.add(TokenUsage.of(3_999_999_999L, 1_000_000_007L, 1_234_567_891L, 7, 999_999_937L));
    if (row.longContextThreshold() > 0) {
      long above = row.longContextThreshold() + 1;
      usages.add(TokenUsage.of(above, 1, 0, 0, 0));
      usages.add(TokenUsage.of(above + 98_765, 43_211, 12_345, 6_789, 1_357));
    }
    return usages;
  }

  private static void assertCost(SpanData span, Cost cost) {
    Attributes attributes = span.getAttributes();
    String row = cost.price().key() + " " + cost;
    assertThat(attributes.get(GenAiAttributes.PRICING_MODEL)).isEqualTo(cost.price().key());
    assertThat(attributes.get(GenAiAttributes.COST_USD))
        .as(row)
        .isEqualTo(cost.total().doubleValue());
    assertThat(attributes.get(GenAiAttributes.COST_INPUT_USD))
        .as(row)
        .isEqualTo(cost.input().doubleValue());
    assertThat(attributes.get(GenAiAttributes.COST_OUTPUT_USD))
        .as(row)
        .isEqualTo(cost.output().doubleValue());
    assertThat(attributes.get(GenAiAttributes.COST_CACHE_READ_USD))
        .as(row)
        .isEqualTo(cost.cacheRead().doubleValue());
    assertThat(attributes.get(GenAiAttributes.COST_CACHE_WRITE_USD))
        .as(row)
        .isEqualTo(cost.cacheWrite().doubleValue());
  }
}
