/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import com.google.protobuf.ByteString;
import java.util.Map;

/**
 * One LLM call read from a GenAI span, every attribute spelling already resolved.
 *
 * <p>Token counts follow the OpenTelemetry meaning: {@code inputTokens} includes cache reads and
 * cache creation, {@code outputTokens} includes reasoning. A count is -1 when the span did not
 * carry it. {@code spanCostPico} is the cost the span arrived with in whole pico-dollars (1e-12
 * USD, rounded half-even once, on reading), -1 when none; {@code spanCostParts} its per-part
 * breakdown, when the span had {@code tokenmeter.cost.*_usd} attributes. {@code dimensions} holds
 * the {@code tokenmeter.dim.<key>} string attributes by key (at most {@value #MAX_DIMENSIONS};
 * empty when none).
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
    long spanCostPico,
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
      long spanCostPico,
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
        spanCostPico,
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
   * tokenmeter.cost.{input,output,cache_read,cache_write}_usd}, in pico-dollars; 0 when absent.
   */
  public record SpanCostParts(long input, long output, long cacheRead, long cacheWrite) {}
}
