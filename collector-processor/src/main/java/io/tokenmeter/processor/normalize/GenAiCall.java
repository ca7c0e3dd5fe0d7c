package io.tokenmeter.processor.normalize;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One LLM call read from a GenAI span, every attribute spelling already resolved.
 *
 * <p>Token counts follow the OpenTelemetry meaning: {@code inputTokens} includes cache reads and
 * cache creation, {@code outputTokens} includes reasoning. A count is -1 when the span did not
 * carry it. {@code spanCost} is the cost the span arrived with (null when none); {@code
 * spanCostParts} its per-part breakdown, when the span had {@code tokenmeter.cost.*_usd}
 * attributes. {@code dimensions} holds the {@code tokenmeter.dim.<key>} string attributes by key
 * (at most {@value #MAX_DIMENSIONS}; empty when none).
 */
public record GenAiCall(
    String service,
    String provider,
    String model,
    String operation,
    boolean error,
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheCreationTokens,
    long reasoningTokens,
    String user,
    String session,
    String agent,
    BigDecimal spanCost,
    SpanCostParts spanCostParts,
    double durationSeconds,
    double timeToFirstTokenSeconds,
    ByteString traceId,
    ByteString spanId,
    Map<String, String> dimensions) {

  /** Most {@code tokenmeter.dim.*} attributes read from one span; further ones are ignored. */
  public static final int MAX_DIMENSIONS = 16;

  public GenAiCall {
    dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
  }

  /** A call without dimensions. */
  public GenAiCall(
      String service,
      String provider,
      String model,
      String operation,
      boolean error,
      long inputTokens,
      long outputTokens,
      long cacheReadTokens,
      long cacheCreationTokens,
      long reasoningTokens,
      String user,
      String session,
      String agent,
      BigDecimal spanCost,
      SpanCostParts spanCostParts,
      double durationSeconds,
      double timeToFirstTokenSeconds,
      ByteString traceId,
      ByteString spanId) {
    this(
        service,
        provider,
        model,
        operation,
        error,
        inputTokens,
        outputTokens,
        cacheReadTokens,
        cacheCreationTokens,
        reasoningTokens,
        user,
        session,
        agent,
        spanCost,
        spanCostParts,
        durationSeconds,
        timeToFirstTokenSeconds,
        traceId,
        spanId,
        Map.of());
  }

  /** Returns true when the span reported input or output tokens. */
  public boolean hasUsage() {
    return inputTokens >= 0 || outputTokens >= 0;
  }

  /**
   * Cost parts carried by a span as {@code
   * tokenmeter.cost.{input,output,cache_read,cache_write}_usd}.
   */
  public record SpanCostParts(
      BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite) {}
}
