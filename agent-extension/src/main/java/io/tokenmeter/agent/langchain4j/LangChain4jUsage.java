/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.tokenmeter.agent.genai.LlmResult;
import io.tokenmeter.agent.genai.OptionalMethod;

/**
 * Reads a LangChain4j {@code ChatResponse}. Cache and reasoning counts live only on the provider
 * modules' {@code TokenUsage} subclasses, which the app may not have, so they are read
 * reflectively: {@code OpenAiTokenUsage} (input includes cached) and {@code AnthropicTokenUsage}
 * (input excludes cache reads and writes; the semconv input is the sum).
 */
final class LangChain4jUsage {
  private static final String ANTHROPIC_USAGE =
      "dev.langchain4j.model.anthropic.AnthropicTokenUsage";
  private static final OptionalMethod INPUT_DETAILS = new OptionalMethod("inputTokensDetails");
  private static final OptionalMethod CACHED_TOKENS = new OptionalMethod("cachedTokens");
  private static final OptionalMethod OUTPUT_DETAILS = new OptionalMethod("outputTokensDetails");
  private static final OptionalMethod REASONING_TOKENS = new OptionalMethod("reasoningTokens");
  private static final OptionalMethod CACHE_READ = new OptionalMethod("cacheReadInputTokens");
  private static final OptionalMethod CACHE_CREATION =
      new OptionalMethod("cacheCreationInputTokens");

  private LangChain4jUsage() {}

  static void read(ChatResponse response, LlmResult result) {
    result.responseId(response.id());
    result.responseModel(response.modelName());
    FinishReason finish = response.finishReason();
    if (finish != null) {
      result.addFinishReason(finishReason(finish));
    }
    TokenUsage usage = response.tokenUsage();
    if (usage == null) {
      return;
    }
    Long input = toLong(usage.inputTokenCount());
    if (ANTHROPIC_USAGE.equals(usage.getClass().getName())) {
      Long cacheRead = CACHE_READ.longValue(usage);
      Long cacheCreation = CACHE_CREATION.longValue(usage);
      result.cacheReadTokens(cacheRead).cacheCreationTokens(cacheCreation);
      if (input != null) {
        input = input + orZero(cacheRead) + orZero(cacheCreation);
      }
    } else {
      result.cacheReadTokens(CACHED_TOKENS.longValue(INPUT_DETAILS.value(usage)));
      result.reasoningTokens(REASONING_TOKENS.longValue(OUTPUT_DETAILS.value(usage)));
    }
    result.inputTokens(input);
    result.outputTokens(toLong(usage.outputTokenCount()));
  }

  /** The provider-style reasons the other instrumentations report. */
  private static String finishReason(FinishReason reason) {
    switch (reason.name()) {
      case "STOP":
        return "stop";
      case "LENGTH":
        return "length";
      case "TOOL_EXECUTION":
        return "tool_calls";
      case "CONTENT_FILTER":
        return "content_filter";
      default:
        return reason.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static Long toLong(Integer value) {
    return value == null ? null : value.longValue();
  }

  private static long orZero(Long value) {
    return value == null ? 0L : value;
  }
}
