/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.google;

import com.google.genai.types.Candidate;
import com.google.genai.types.FinishReason;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import io.tokenmeter.agent.genai.LlmResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code usageMetadata}: {@code promptTokenCount} already includes cached tokens; tool-use
 * prompt tokens are billed as input; {@code candidatesTokenCount} excludes thoughts, which the
 * semconv output includes. A stream's chunks repeat it, the last one with the final counts.
 */
final class GoogleGenAiUsage {
  private GoogleGenAiUsage() {}

  static void read(GenerateContentResponse response, LlmResult result) {
    result.responseId(orNull(response.responseId()));
    result.responseModel(orNull(response.modelVersion()));
    List<Candidate> candidates = orNull(response.candidates());
    if (candidates != null && !candidates.isEmpty()) {
      FinishReason reason = orNull(candidates.get(0).finishReason());
      if (reason != null) {
        result.addFinishReason(reason.toString().toLowerCase(Locale.ROOT));
      }
    }
    GenerateContentResponseUsageMetadata usage = orNull(response.usageMetadata());
    if (usage == null) {
      return;
    }
    Long prompt = toLong(orNull(usage.promptTokenCount()));
    Long toolUse = toLong(orNull(usage.toolUsePromptTokenCount()));
    Long candidatesTokens = toLong(orNull(usage.candidatesTokenCount()));
    Long thoughts = toLong(orNull(usage.thoughtsTokenCount()));
    if (prompt != null || toolUse != null) {
      result.inputTokens(orZero(prompt) + orZero(toolUse));
    }
    if (candidatesTokens != null || thoughts != null) {
      result.outputTokens(orZero(candidatesTokens) + orZero(thoughts));
    }
    result.cacheReadTokens(toLong(orNull(usage.cachedContentTokenCount())));
    result.reasoningTokens(thoughts);
  }

  static <T> T orNull(Optional<T> value) {
    return value != null && value.isPresent() ? value.get() : null;
  }

  private static Long toLong(Integer value) {
    return value == null ? null : value.longValue();
  }

  private static long orZero(Long value) {
    return value == null ? 0L : value;
  }
}
