/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

/**
 * Token counts of one LLM call, in the OpenTelemetry GenAI meaning: input counts every input token
 * (cached and cache-creating ones included) and output counts every output token (reasoning
 * included).
 */
public final class TokenUsage {
  private final long inputTokens;
  private final long outputTokens;
  private final long cacheReadTokens;
  private final long cacheCreationTokens;
  private final long reasoningTokens;

  private TokenUsage(
      long inputTokens,
      long outputTokens,
      long cacheReadTokens,
      long cacheCreationTokens,
      long reasoningTokens) {
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    this.cacheReadTokens = cacheReadTokens;
    this.cacheCreationTokens = cacheCreationTokens;
    this.reasoningTokens = reasoningTokens;
  }

  /**
   * Returns the usage with the given counts, throwing IllegalArgumentException when one is
   * negative.
   */
  public static TokenUsage of(
      long inputTokens,
      long outputTokens,
      long cacheReadTokens,
      long cacheCreationTokens,
      long reasoningTokens) {
    requireNonNegative("inputTokens", inputTokens);
    requireNonNegative("outputTokens", outputTokens);
    requireNonNegative("cacheReadTokens", cacheReadTokens);
    requireNonNegative("cacheCreationTokens", cacheCreationTokens);
    requireNonNegative("reasoningTokens", reasoningTokens);
    return new TokenUsage(
        inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, reasoningTokens);
  }

  /** Returns the usage of a call without caching or reasoning. */
  public static TokenUsage of(long inputTokens, long outputTokens) {
    return of(inputTokens, outputTokens, 0, 0, 0);
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }

  /** Returns all input tokens, cache reads and cache creation included. */
  public long inputTokens() {
    return inputTokens;
  }

  /** Returns all output tokens, reasoning included. */
  public long outputTokens() {
    return outputTokens;
  }

  /** Returns the input tokens read from the provider's prompt cache. */
  public long cacheReadTokens() {
    return cacheReadTokens;
  }

  /** Returns the input tokens written to the provider's prompt cache. */
  public long cacheCreationTokens() {
    return cacheCreationTokens;
  }

  /** Returns the output tokens spent on reasoning. */
  public long reasoningTokens() {
    return reasoningTokens;
  }

  /** Returns the input tokens that neither read nor wrote the cache, never less than zero. */
  public long uncachedInputTokens() {
    return Math.max(0, inputTokens - cacheReadTokens - cacheCreationTokens);
  }

  /** Returns the output tokens that are not reasoning, never less than zero. */
  public long nonReasoningOutputTokens() {
    return Math.max(0, outputTokens - reasoningTokens);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TokenUsage)) {
      return false;
    }
    TokenUsage that = (TokenUsage) o;
    return inputTokens == that.inputTokens
        && outputTokens == that.outputTokens
        && cacheReadTokens == that.cacheReadTokens
        && cacheCreationTokens == that.cacheCreationTokens
        && reasoningTokens == that.reasoningTokens;
  }

  @Override
  public int hashCode() {
    long h = inputTokens;
    h = 31 * h + outputTokens;
    h = 31 * h + cacheReadTokens;
    h = 31 * h + cacheCreationTokens;
    h = 31 * h + reasoningTokens;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return "TokenUsage{input="
        + inputTokens
        + ", output="
        + outputTokens
        + ", cacheRead="
        + cacheReadTokens
        + ", cacheCreation="
        + cacheCreationTokens
        + ", reasoning="
        + reasoningTokens
        + '}';
  }
}
