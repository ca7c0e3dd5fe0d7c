/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static io.tokenmeter.agent.GenAiAttributes.*;

import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.tokenmeter.agent.genai.LlmInstrumenter;
import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.PicoCost;
import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.pricing.TokenUsage;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Records a finished GenAI span, whoever made it: prices it from its {@code gen_ai.usage.*}
 * attributes onto its cost attributes, counts its cost and, for spans whose maker records no GenAI
 * metrics, records the semconv token and duration histograms. One code path for our
 * instrumentations, the agent's and the SDKs' own spans.
 */
final class GenAiSpanRecorder {
  /** The agent's own instrumenters that already record the semconv GenAI metrics. */
  private static final Set<String> AGENT_SCOPES_WITH_METRICS =
      new HashSet<>(
          Arrays.asList("io.opentelemetry.openai-java-1.1", "io.opentelemetry.aws-sdk-2.2"));

  private static final Double ZERO_USD = 0.0;

  private final PriceCatalog catalog;
  private final CallProfiles profiles = new CallProfiles();
  private volatile AgentMetrics metrics;

  GenAiSpanRecorder(PriceCatalog catalog) {
    this(catalog, null);
  }

  /** With {@code metrics} null, records on the global MeterProvider once it is set. */
  GenAiSpanRecorder(PriceCatalog catalog, AgentMetrics metrics) {
    this.catalog = catalog;
    this.metrics = metrics;
  }

  void record(ReadWriteSpan span) {
    if (!BillableSpan.isBillable(span) || span.getAttribute(COST_USD) != null) {
      return;
    }
    String operation = span.getAttribute(OPERATION_NAME);
    String provider = provider(span);
    Long input = span.getAttribute(INPUT_TOKENS);
    Long output = span.getAttribute(OUTPUT_TOKENS);
    Long cacheCreation = span.getAttribute(CACHE_CREATION_TOKENS);
    if (cacheCreation == null) {
      cacheCreation = span.getAttribute(CACHE_WRITE_TOKENS);
      if (cacheCreation != null) {
        span.setAttribute(CACHE_CREATION_TOKENS, cacheCreation);
      }
    }
    String errorType = span.getAttribute(ERROR_TYPE);
    CallProfile call =
        profiles.get(
            operation,
            provider,
            span.getAttribute(REQUEST_MODEL),
            span.getAttribute(RESPONSE_MODEL),
            span.getAttribute(SERVER_ADDRESS),
            errorType);
    if (!recordsItsOwnMetrics(span.getInstrumentationScopeInfo().getName())) {
      metrics().recordUsage(input, output, span.getLatencyNanos() / 1e9, call);
    }
    Double firstChunk = span.getAttribute(TIME_TO_FIRST_CHUNK);
    if (firstChunk != null) {
      metrics().recordTimeToFirstChunk(firstChunk, call.metricAttributes);
    }
    if (input == null && output == null) {
      if (errorType == null) {
        span.setAttribute(USAGE_MISSING, true);
      }
      return;
    }
    price(span, call, input, output, cacheCreation);
  }

  private void price(
      ReadWriteSpan span, CallProfile call, Long input, Long output, Long cacheCreation) {
    CallProfile.Pricing pricing = call.pricing(catalog);
    if (pricing.price == null) {
      return;
    }
    TokenUsage usage =
        TokenUsage.of(
            orZero(input),
            orZero(output),
            orZero(span.getAttribute(CACHE_READ_TOKENS)),
            orZero(cacheCreation),
            orZero(span.getAttribute(REASONING_TOKENS)));
    PicoCost cost = CostCalculator.costPico(pricing.price, usage);
    Double total = usd(cost.total());
    span.setAttribute(COST_USD, total);
    span.setAttribute(COST_INPUT_USD, usd(cost.input()));
    span.setAttribute(COST_OUTPUT_USD, usd(cost.output()));
    span.setAttribute(COST_CACHE_READ_USD, usd(cost.cacheRead()));
    span.setAttribute(COST_CACHE_WRITE_USD, usd(cost.cacheWrite()));
    span.setAttribute(PRICING_MODEL, pricing.pricingModel);
    metrics().recordCost(total, call.metricAttributes);
  }

  /**
   * Returns the nearest double to {@code pico} pico-dollars in USD, boxed, as the span API takes
   * it. Zero, frequent for cache parts, is one shared instance.
   */
  private static Double usd(long pico) {
    return pico == 0 ? ZERO_USD : PicoCost.usd(pico);
  }

  /** Ours all come from LlmInstrumenter, which records them; SDKs' own spans record none. */
  private static boolean recordsItsOwnMetrics(String scope) {
    return scope.startsWith(LlmInstrumenter.SCOPE_PREFIX)
        || AGENT_SCOPES_WITH_METRICS.contains(scope);
  }

  private AgentMetrics metrics() {
    AgentMetrics current = metrics;
    if (current == null) {
      // The global MeterProvider is set only after the span processor is built.
      current = AgentMetrics.fromGlobal();
      metrics = current;
    }
    return current;
  }

  private static String provider(ReadWriteSpan span) {
    String provider = span.getAttribute(PROVIDER_NAME);
    return provider != null ? provider : span.getAttribute(SYSTEM);
  }

  private static long orZero(Long value) {
    return value == null ? 0L : Math.max(0L, value);
  }
}
