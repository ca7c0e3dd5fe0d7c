/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import java.util.ArrayList;
import java.util.List;

/**
 * The response side of one LLM call, filled by an SDK mapper from a response, or chunk by chunk
 * from a stream. Token counts follow the semconv: input includes cached tokens, output includes
 * reasoning.
 */
public final class LlmResult {
  String responseId;
  String responseModel;
  final List<String> finishReasons = new ArrayList<>(1);
  Long inputTokens;
  Long outputTokens;
  Long cacheReadTokens;
  Long cacheCreationTokens;
  Long reasoningTokens;
  String errorType;
  Double timeToFirstChunkSeconds;

  public LlmResult responseId(String value) {
    if (value != null) {
      responseId = value;
    }
    return this;
  }

  public LlmResult responseModel(String value) {
    if (value != null) {
      responseModel = value;
    }
    return this;
  }

  public LlmResult addFinishReason(String value) {
    if (value != null) {
      finishReasons.add(value);
    }
    return this;
  }

  public LlmResult inputTokens(Long value) {
    if (value != null) {
      inputTokens = value;
    }
    return this;
  }

  public LlmResult outputTokens(Long value) {
    if (value != null) {
      outputTokens = value;
    }
    return this;
  }

  public LlmResult cacheReadTokens(Long value) {
    if (value != null) {
      cacheReadTokens = value;
    }
    return this;
  }

  public LlmResult cacheCreationTokens(Long value) {
    if (value != null) {
      cacheCreationTokens = value;
    }
    return this;
  }

  public LlmResult reasoningTokens(Long value) {
    if (value != null) {
      reasoningTokens = value;
    }
    return this;
  }

  public LlmResult errorType(String value) {
    errorType = value;
    return this;
  }

  public boolean hasUsage() {
    return inputTokens != null || outputTokens != null;
  }

  public Long inputTokens() {
    return inputTokens;
  }

  public Long cacheReadTokens() {
    return cacheReadTokens;
  }

  public Long cacheCreationTokens() {
    return cacheCreationTokens;
  }
}
