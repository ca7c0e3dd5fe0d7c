package io.tokenmeter.agent;

import static io.tokenmeter.agent.GenAiAttributes.*;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.tokenmeter.agent.genai.LlmInstrumenter;
import io.tokenmeter.pricing.Cost;
import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.ModelPrice;
import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.pricing.TokenUsage;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Prices a finished GenAI span from its {@code gen_ai.usage.*} attributes, whoever made it, and records
 * the cost counter; one code path for our instrumentations, the agent's and the SDKs' own spans.
 */
final class SpanCostEnricher {
  /** The agent's own instrumenters that already record the semconv GenAI metrics. */
  private static final Set<String> AGENT_SCOPES_WITH_METRICS =
      new HashSet<>(Arrays.asList("io.opentelemetry.openai-java-1.1", "io.opentelemetry.aws-sdk-2.2"));

  private final PriceCatalog catalog;
  private volatile AgentMetrics metrics;

  SpanCostEnricher(PriceCatalog catalog) {
    this(catalog, null);
  }

  /** With {@code metrics} null, records on the global MeterProvider once it is set. */
  SpanCostEnricher(PriceCatalog catalog, AgentMetrics metrics) {
    this.catalog = catalog;
    this.metrics = metrics;
  }

  static boolean isGenAi(ReadWriteSpan span) {
    return span.getAttribute(OPERATION_NAME) != null
        || span.getAttribute(PROVIDER_NAME) != null
        || span.getAttribute(SYSTEM) != null;
  }

  void enrich(ReadWriteSpan span) {
    if (!isGenAi(span) || span.getAttribute(COST_USD) != null) {
      return;
    }
    Long input = span.getAttribute(INPUT_TOKENS);
    Long output = span.getAttribute(OUTPUT_TOKENS);
    Long cacheCreation = span.getAttribute(CACHE_CREATION_TOKENS);
    if (cacheCreation == null) {
      cacheCreation = span.getAttribute(CACHE_WRITE_TOKENS);
      if (cacheCreation != null) {
        span.setAttribute(CACHE_CREATION_TOKENS, cacheCreation);
      }
    }
    Attributes metricAttributes = metricAttributes(span);
    if (!recordsItsOwnMetrics(span.getInstrumentationScopeInfo().getName())) {
      metrics().recordUsage(input, output, span.getLatencyNanos() / 1e9, metricAttributes);
    }
    Double firstChunk = span.getAttribute(TIME_TO_FIRST_CHUNK);
    if (firstChunk != null) {
      metrics().recordTimeToFirstChunk(firstChunk, metricAttributes);
    }
    if (input == null && output == null) {
      if (span.getAttribute(ERROR_TYPE) == null) {
        span.setAttribute(USAGE_MISSING, true);
      }
      return;
    }
    ModelPrice price = catalog.find(provider(span), model(span));
    if (price == null) {
      return;
    }
    TokenUsage usage =
        TokenUsage.of(
            orZero(input),
            orZero(output),
            orZero(span.getAttribute(CACHE_READ_TOKENS)),
            orZero(cacheCreation),
            orZero(span.getAttribute(REASONING_TOKENS)));
    Cost cost = CostCalculator.cost(price, usage);
    double total = cost.total().doubleValue();
    span.setAttribute(COST_USD, total);
    span.setAttribute(COST_INPUT_USD, cost.input().doubleValue());
    span.setAttribute(COST_OUTPUT_USD, cost.output().doubleValue());
    span.setAttribute(COST_CACHE_READ_USD, cost.cacheRead().doubleValue());
    span.setAttribute(COST_CACHE_WRITE_USD, cost.cacheWrite().doubleValue());
    span.setAttribute(PRICING_MODEL, price.key());
    metrics().recordCost(total, metricAttributes);
  }

  /** Ours all come from LlmInstrumenter, which records them; SDKs' own spans record none. */
  private static boolean recordsItsOwnMetrics(String scope) {
    return scope.startsWith(LlmInstrumenter.SCOPE_PREFIX) || AGENT_SCOPES_WITH_METRICS.contains(scope);
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

  private static Attributes metricAttributes(ReadWriteSpan span) {
    AttributesBuilder builder = Attributes.builder();
    putIfPresent(builder, OPERATION_NAME, span.getAttribute(OPERATION_NAME));
    putIfPresent(builder, PROVIDER_NAME, provider(span));
    putIfPresent(builder, REQUEST_MODEL, span.getAttribute(REQUEST_MODEL));
    putIfPresent(builder, RESPONSE_MODEL, span.getAttribute(RESPONSE_MODEL));
    putIfPresent(builder, SERVER_ADDRESS, span.getAttribute(SERVER_ADDRESS));
    putIfPresent(builder, ERROR_TYPE, span.getAttribute(ERROR_TYPE));
    return builder.build();
  }

  private static void putIfPresent(
      AttributesBuilder builder, io.opentelemetry.api.common.AttributeKey<String> key, String value) {
    if (value != null) {
      builder.put(key, value);
    }
  }

  private static String provider(ReadWriteSpan span) {
    String provider = span.getAttribute(PROVIDER_NAME);
    return provider != null ? provider : span.getAttribute(SYSTEM);
  }

  private static String model(ReadWriteSpan span) {
    String model = span.getAttribute(RESPONSE_MODEL);
    return model != null ? model : span.getAttribute(REQUEST_MODEL);
  }

  private static long orZero(Long value) {
    return value == null ? 0L : Math.max(0L, value);
  }
}
