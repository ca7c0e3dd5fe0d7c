/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.springai;

import io.tokenmeter.agent.genai.LlmResult;
import io.tokenmeter.agent.genai.OptionalMethod;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Spring AI {@code ChatResponse}: id, model and finish reasons from its metadata, and usage
 * from {@code Usage} (cache counts from its 2.x accessors, or from the provider's native usage in
 * 1.x).
 */
final class SpringAiResponses {
  private static final OptionalMethod METADATA = new OptionalMethod("getMetadata");
  private static final OptionalMethod ID = new OptionalMethod("getId");
  private static final OptionalMethod MODEL = new OptionalMethod("getModel");
  private static final OptionalMethod USAGE = new OptionalMethod("getUsage");
  private static final OptionalMethod RESULTS = new OptionalMethod("getResults");
  private static final OptionalMethod FINISH_REASON = new OptionalMethod("getFinishReason");
  private static final OptionalMethod PROMPT_TOKENS = new OptionalMethod("getPromptTokens");
  private static final OptionalMethod COMPLETION_TOKENS = new OptionalMethod("getCompletionTokens");
  private static final OptionalMethod CACHE_READ = new OptionalMethod("getCacheReadInputTokens");
  private static final OptionalMethod CACHE_WRITE = new OptionalMethod("getCacheWriteInputTokens");
  private static final OptionalMethod NATIVE_USAGE = new OptionalMethod("getNativeUsage");
  // Spring AI 1.x native usage records: OpenAiApi.Usage and AnthropicApi.Usage.
  private static final OptionalMethod PROMPT_DETAILS = new OptionalMethod("promptTokensDetails");
  private static final OptionalMethod CACHED_TOKENS = new OptionalMethod("cachedTokens");
  private static final OptionalMethod COMPLETION_DETAILS =
      new OptionalMethod("completionTokenDetails");
  private static final OptionalMethod REASONING_TOKENS = new OptionalMethod("reasoningTokens");
  private static final OptionalMethod NATIVE_CACHE_READ =
      new OptionalMethod("cacheReadInputTokens");
  private static final OptionalMethod NATIVE_CACHE_CREATION =
      new OptionalMethod("cacheCreationInputTokens");

  private SpringAiResponses() {}

  /** The largest cache counts seen on a stream's chunks; providers report them cumulatively. */
  static final class CacheCounts {
    private volatile Long read;
    private volatile Long write;

    void read(Object usage) {
      if (usage == null) {
        return;
      }
      read = max(read, cacheRead(usage, NATIVE_USAGE.value(usage)));
      write = max(write, cacheWrite(usage, NATIVE_USAGE.value(usage)));
    }

    private static Long max(Long a, Long b) {
      return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }
  }

  static void read(Object response, String provider, CacheCounts streamed, LlmResult result) {
    Object metadata = METADATA.value(response);
    result.responseId(emptyToNull(ID.stringValue(metadata)));
    result.responseModel(emptyToNull(MODEL.stringValue(metadata)));
    Object results = RESULTS.value(response);
    if (results instanceof List) {
      for (Object generation : (List<?>) results) {
        String reason = FINISH_REASON.stringValue(METADATA.value(generation));
        result.addFinishReason(reason == null ? null : reason.toLowerCase(Locale.ROOT));
      }
    }
    readUsage(USAGE.value(metadata), provider, streamed, result);
  }

  private static void readUsage(
      Object usage, String provider, CacheCounts streamed, LlmResult result) {
    Long prompt = PROMPT_TOKENS.longValue(usage);
    Long completion = COMPLETION_TOKENS.longValue(usage);
    if (prompt == null && completion == null || isZero(prompt) && isZero(completion)) {
      return; // Spring AI's EmptyUsage: the provider reported nothing, which is not zero tokens
    }
    Object nativeUsage = NATIVE_USAGE.value(usage);
    Long cacheRead = cacheRead(usage, nativeUsage);
    Long cacheWrite = cacheWrite(usage, nativeUsage);
    if (cacheRead == null) {
      cacheRead = streamed.read;
    }
    if (cacheWrite == null) {
      cacheWrite = streamed.write;
    }
    if ("anthropic".equals(provider) && prompt != null) {
      // Anthropic's input count leaves out cached tokens; the semconv counts all input.
      prompt = prompt + orZero(cacheRead) + orZero(cacheWrite);
    }
    result.inputTokens(prompt);
    result.outputTokens(completion);
    result.cacheReadTokens(positiveOrNull(cacheRead));
    result.cacheCreationTokens(positiveOrNull(cacheWrite));
    result.reasoningTokens(
        positiveOrNull(REASONING_TOKENS.longValue(COMPLETION_DETAILS.value(nativeUsage))));
  }

  /** Cache reads: 2.x {@code Usage} accessor, else 1.x native Anthropic or OpenAI usage. */
  private static Long cacheRead(Object usage, Object nativeUsage) {
    Long value = CACHE_READ.longValue(usage);
    if (value == null) {
      value = NATIVE_CACHE_READ.longValue(nativeUsage);
    }
    if (value == null) {
      value = CACHED_TOKENS.longValue(PROMPT_DETAILS.value(nativeUsage));
    }
    return value;
  }

  private static Long cacheWrite(Object usage, Object nativeUsage) {
    Long value = CACHE_WRITE.longValue(usage);
    return value != null ? value : NATIVE_CACHE_CREATION.longValue(nativeUsage);
  }

  private static boolean isZero(Long value) {
    return value == null || value == 0L;
  }

  private static long orZero(Long value) {
    return value == null ? 0L : value;
  }

  private static Long positiveOrNull(Long value) {
    return value == null || value <= 0L ? null : value;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
