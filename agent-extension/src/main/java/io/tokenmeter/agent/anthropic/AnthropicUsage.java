/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.anthropic;

import static io.tokenmeter.agent.anthropic.AnthropicMessages.orNull;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageDeltaUsage;
import com.anthropic.models.messages.RawMessageDeltaEvent;
import com.anthropic.models.messages.RawMessageStartEvent;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Usage;
import io.tokenmeter.agent.genai.LlmResult;

/**
 * Anthropic reports uncached input apart from cache reads and writes; the semconv input count is
 * their sum. Streams report input and cache usage in {@code message_start} and cumulative counts in
 * {@code message_delta}.
 */
final class AnthropicUsage {
  private AnthropicUsage() {}

  static void readMessage(Message message, LlmResult result) {
    result.responseId(orNull(message._id().asKnown()));
    if (message._model().asKnown().isPresent()) {
      result.responseModel(message._model().asKnown().get().asString());
    }
    StopReason stop = orNull(message.stopReason());
    if (stop != null) {
      result.addFinishReason(stop.asString());
    }
    Usage usage = orNull(message._usage().asKnown());
    if (usage != null) {
      setInput(
          result,
          orNull(usage._inputTokens().asKnown()),
          orNull(usage.cacheReadInputTokens()),
          orNull(usage.cacheCreationInputTokens()));
      result.outputTokens(orNull(usage._outputTokens().asKnown()));
    }
  }

  static void readEvent(RawMessageStreamEvent event, LlmResult result) {
    RawMessageStartEvent start = orNull(event.messageStart());
    if (start != null) {
      readMessage(start.message(), result);
      return;
    }
    RawMessageDeltaEvent delta = orNull(event.messageDelta());
    if (delta != null) {
      StopReason stop = orNull(delta.delta().stopReason());
      if (stop != null) {
        result.addFinishReason(stop.asString());
      }
      MessageDeltaUsage usage = delta.usage();
      Long uncached = orNull(usage.inputTokens());
      Long cacheRead = orNull(usage.cacheReadInputTokens());
      Long cacheCreation = orNull(usage.cacheCreationInputTokens());
      if (uncached != null || cacheRead != null || cacheCreation != null) {
        setInput(result, uncached, cacheRead, cacheCreation);
      }
      result.outputTokens(orNull(usage._outputTokens().asKnown()));
    }
  }

  /** Combines new parts with those already known (a delta may repeat only some of them). */
  private static void setInput(
      LlmResult result, Long uncached, Long cacheRead, Long cacheCreation) {
    long knownRead = nz(result.cacheReadTokens());
    long knownCreation = nz(result.cacheCreationTokens());
    long knownUncached =
        result.inputTokens() == null ? 0 : result.inputTokens() - knownRead - knownCreation;
    long read = cacheRead != null ? cacheRead : knownRead;
    long creation = cacheCreation != null ? cacheCreation : knownCreation;
    long plain = uncached != null ? uncached : knownUncached;
    if (uncached == null && result.inputTokens() == null) {
      return;
    }
    result.cacheReadTokens(cacheRead != null ? cacheRead : result.cacheReadTokens());
    result.cacheCreationTokens(
        cacheCreation != null ? cacheCreation : result.cacheCreationTokens());
    result.inputTokens(plain + read + creation);
  }

  private static long nz(Long value) {
    return value == null ? 0 : value;
  }
}
