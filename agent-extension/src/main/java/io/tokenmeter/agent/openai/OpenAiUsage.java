/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.openai;

import static io.tokenmeter.agent.openai.OpenAiCalls.orNull;

import com.openai.models.completions.CompletionUsage;
import com.openai.models.responses.ResponseUsage;
import io.tokenmeter.agent.genai.LlmResult;

/**
 * Reads token usage without the SDK's required-field getters, which throw when an OpenAI-compatible
 * server leaves a field out.
 */
final class OpenAiUsage {
  private OpenAiUsage() {}

  static void read(CompletionUsage usage, LlmResult result) {
    result.inputTokens(orNull(usage._promptTokens().asKnown()));
    result.outputTokens(orNull(usage._completionTokens().asKnown()));
    CompletionUsage.PromptTokensDetails prompt = orNull(usage._promptTokensDetails().asKnown());
    if (prompt != null) {
      result.cacheReadTokens(orNull(prompt._cachedTokens().asKnown()));
    }
    CompletionUsage.CompletionTokensDetails completion =
        orNull(usage._completionTokensDetails().asKnown());
    if (completion != null) {
      result.reasoningTokens(orNull(completion._reasoningTokens().asKnown()));
    }
  }

  static void read(ResponseUsage usage, LlmResult result) {
    result.inputTokens(orNull(usage._inputTokens().asKnown()));
    result.outputTokens(orNull(usage._outputTokens().asKnown()));
    ResponseUsage.InputTokensDetails input = orNull(usage._inputTokensDetails().asKnown());
    if (input != null) {
      result.cacheReadTokens(orNull(input._cachedTokens().asKnown()));
    }
    ResponseUsage.OutputTokensDetails output = orNull(usage._outputTokensDetails().asKnown());
    if (output != null) {
      result.reasoningTokens(orNull(output._reasoningTokens().asKnown()));
    }
  }
}
