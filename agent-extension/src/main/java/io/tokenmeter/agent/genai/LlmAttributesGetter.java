/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiAttributesGetter;
import java.util.Collections;
import java.util.List;

/** Feeds the semconv GenAI extractors, span name and metrics from the SDK-neutral call values. */
final class LlmAttributesGetter implements GenAiAttributesGetter<LlmCall, LlmResult> {
  @Override
  public String getOperationName(LlmCall call) {
    return call.operation;
  }

  @Override
  public String getSystem(LlmCall call) {
    return call.provider;
  }

  @Override
  public String getRequestModel(LlmCall call) {
    return call.requestModel;
  }

  @Override
  public Long getRequestSeed(LlmCall call) {
    return call.seed;
  }

  @Override
  public List<String> getRequestEncodingFormats(LlmCall call) {
    return null;
  }

  @Override
  public Double getRequestFrequencyPenalty(LlmCall call) {
    return null;
  }

  @Override
  public Long getRequestMaxTokens(LlmCall call) {
    return call.maxTokens;
  }

  @Override
  public Double getRequestPresencePenalty(LlmCall call) {
    return null;
  }

  @Override
  public List<String> getRequestStopSequences(LlmCall call) {
    return null;
  }

  @Override
  public Double getRequestTemperature(LlmCall call) {
    return call.temperature;
  }

  @Override
  public Double getRequestTopK(LlmCall call) {
    return call.topK;
  }

  @Override
  public Double getRequestTopP(LlmCall call) {
    return call.topP;
  }

  @Override
  public List<String> getResponseFinishReasons(LlmCall call, LlmResult result) {
    return result == null || result.finishReasons.isEmpty()
        ? Collections.<String>emptyList()
        : result.finishReasons;
  }

  @Override
  public String getResponseId(LlmCall call, LlmResult result) {
    return result == null ? null : result.responseId;
  }

  @Override
  public String getResponseModel(LlmCall call, LlmResult result) {
    return result == null ? null : result.responseModel;
  }

  @Override
  public Long getUsageInputTokens(LlmCall call, LlmResult result) {
    return result == null ? null : result.inputTokens;
  }

  @Override
  public Long getUsageOutputTokens(LlmCall call, LlmResult result) {
    return result == null ? null : result.outputTokens;
  }
}
