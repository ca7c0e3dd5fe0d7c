/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_AGENT_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_REQUEST_STREAM;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.tokenmeter.contract.OtelAttributes;
import io.tokenmeter.contract.TokenmeterAttributes;

/**
 * Adds what the semconv extractor leaves out: server, request user and conversation at start; cache
 * and reasoning tokens and the error type at the end.
 */
final class LlmDetailsExtractor implements AttributesExtractor<LlmCall, LlmResult> {
  // Keys of its own, built from the contract's compile-time constants: an injected helper class
  // must not reach io.tokenmeter.agent.GenAiAttributes, which the agent's class loader holds.
  private static final AttributeKey<String> SERVER_ADDRESS =
      AttributeKey.stringKey(OtelAttributes.SERVER_ADDRESS);
  private static final AttributeKey<Long> SERVER_PORT =
      AttributeKey.longKey(OtelAttributes.SERVER_PORT);
  private static final AttributeKey<String> REQUEST_USER =
      AttributeKey.stringKey(TokenmeterAttributes.REQUEST_USER);
  private static final AttributeKey<String> CONVERSATION_ID =
      AttributeKey.stringKey(GEN_AI_CONVERSATION_ID);
  private static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey(GEN_AI_AGENT_NAME);
  private static final AttributeKey<Long> CACHE_READ =
      AttributeKey.longKey(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS);
  private static final AttributeKey<Long> CACHE_CREATION =
      AttributeKey.longKey(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS);
  private static final AttributeKey<Long> REASONING =
      AttributeKey.longKey(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS);
  private static final AttributeKey<String> ERROR_TYPE =
      AttributeKey.stringKey(OtelAttributes.ERROR_TYPE);
  private static final AttributeKey<Boolean> STREAM =
      AttributeKey.booleanKey(GEN_AI_REQUEST_STREAM);
  private static final AttributeKey<Double> TIME_TO_FIRST_CHUNK =
      AttributeKey.doubleKey(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK);

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, LlmCall call) {
    put(attributes, SERVER_ADDRESS, call.serverAddress);
    put(attributes, SERVER_PORT, call.serverPort);
    // Already hashed (RequestUser); the span processor ranks it below Baggage, root span and MDC.
    put(attributes, REQUEST_USER, call.requestUser);
    put(attributes, CONVERSATION_ID, call.conversationId);
    put(attributes, AGENT_NAME, call.agentName);
    if (call.streaming) {
      attributes.put(STREAM, true);
    }
  }

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      LlmCall call,
      LlmResult result,
      Throwable error) {
    if (result != null) {
      put(attributes, CACHE_READ, result.cacheReadTokens);
      put(attributes, CACHE_CREATION, result.cacheCreationTokens);
      put(attributes, REASONING, result.reasoningTokens);
      put(attributes, ERROR_TYPE, result.errorType);
      put(attributes, TIME_TO_FIRST_CHUNK, result.timeToFirstChunkSeconds);
    }
    if (error != null && (result == null || result.errorType == null)) {
      put(attributes, ERROR_TYPE, error.getClass().getName());
    }
  }

  private static <T> void put(AttributesBuilder attributes, AttributeKey<T> key, T value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }
}
