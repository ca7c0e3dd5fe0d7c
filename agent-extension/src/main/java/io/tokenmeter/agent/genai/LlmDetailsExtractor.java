/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;

/**
 * Adds what the semconv extractor leaves out: server, request user and conversation at start; cache
 * and reasoning tokens and the error type at the end.
 */
final class LlmDetailsExtractor implements AttributesExtractor<LlmCall, LlmResult> {
  private static final AttributeKey<String> SERVER_ADDRESS =
      AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> REQUEST_USER =
      AttributeKey.stringKey("tokenmeter.request.user");
  private static final AttributeKey<String> CONVERSATION_ID =
      AttributeKey.stringKey("gen_ai.conversation.id");
  private static final AttributeKey<String> AGENT_NAME =
      AttributeKey.stringKey("gen_ai.agent.name");
  private static final AttributeKey<Long> CACHE_READ =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  private static final AttributeKey<Long> CACHE_CREATION =
      AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
  private static final AttributeKey<Long> REASONING =
      AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<Boolean> STREAM =
      AttributeKey.booleanKey("gen_ai.request.stream");
  private static final AttributeKey<Double> TIME_TO_FIRST_CHUNK =
      AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");

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
