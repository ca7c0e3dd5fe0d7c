/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.bedrock;

import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.OptionalMethod;
import io.tokenmeter.contract.OtelAttributes;

/**
 * Bedrock reports Converse {@code inputTokens} without cache reads and writes (as Anthropic does),
 * and the agent's span carries only that. When the response names cache tokens, this adds them and
 * makes {@code gen_ai.usage.input_tokens} the semconv total. Acts only on {@code
 * ConverseResponse}s: every other AWS call passes untouched. Bedrock Runtime service errors get
 * {@code error.type} = their HTTP status, like the extension's own GenAI spans. The SDK classes
 * live in the application, so they are read reflectively ({@code cacheReadInputTokens} exists from
 * about 2.31).
 */
final class BedrockCacheTokens implements AttributesExtractor<Object, Object> {
  private static final String CONVERSE_RESPONSE =
      "software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse";
  private static final AttributeKey<Long> INPUT_TOKENS =
      AttributeKey.longKey(GEN_AI_USAGE_INPUT_TOKENS);
  private static final AttributeKey<Long> CACHE_READ =
      AttributeKey.longKey(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS);
  private static final AttributeKey<Long> CACHE_CREATION =
      AttributeKey.longKey(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS);
  private static final String BEDROCK_RUNTIME_ERRORS =
      "software.amazon.awssdk.services.bedrockruntime.model.";
  private static final AttributeKey<String> ERROR_TYPE =
      AttributeKey.stringKey(OtelAttributes.ERROR_TYPE);
  private static final OptionalMethod STATUS_CODE = new OptionalMethod("statusCode");
  private static final OptionalMethod SDK_RESPONSE = new OptionalMethod("getSdkResponse");
  private static final OptionalMethod USAGE = new OptionalMethod("usage");
  private static final OptionalMethod INPUT = new OptionalMethod("inputTokens");
  private static final OptionalMethod CACHE_READ_TOKENS =
      new OptionalMethod("cacheReadInputTokens");
  private static final OptionalMethod CACHE_WRITE_TOKENS =
      new OptionalMethod("cacheWriteInputTokens");

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, Object request) {}

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      Object request,
      Object response,
      Throwable error) {
    try {
      if (error != null) {
        putStatus(attributes, error);
        return;
      }
      Object sdkResponse = SDK_RESPONSE.value(response);
      if (sdkResponse == null || !CONVERSE_RESPONSE.equals(sdkResponse.getClass().getName())) {
        return;
      }
      Object usage = USAGE.value(sdkResponse);
      Long input = INPUT.longValue(usage);
      Long cacheRead = CACHE_READ_TOKENS.longValue(usage);
      Long cacheWrite = CACHE_WRITE_TOKENS.longValue(usage);
      if (input == null || (cacheRead == null && cacheWrite == null)) {
        return;
      }
      if (cacheRead != null) {
        attributes.put(CACHE_READ, cacheRead);
      }
      if (cacheWrite != null) {
        attributes.put(CACHE_CREATION, cacheWrite);
      }
      attributes.put(INPUT_TOKENS, input + orZero(cacheRead) + orZero(cacheWrite));
    } catch (Throwable e) {
      OnceLogger.failure("reading Bedrock cache tokens", e);
    }
  }

  /** Bedrock Runtime service errors get their HTTP status, as our other GenAI spans do. */
  private static void putStatus(AttributesBuilder attributes, Throwable error) {
    if (error.getClass().getName().startsWith(BEDROCK_RUNTIME_ERRORS)) {
      Long status = STATUS_CODE.longValue(error);
      if (status != null && status > 0) {
        attributes.put(ERROR_TYPE, Long.toString(status));
      }
    }
  }

  private static long orZero(Long value) {
    return value == null ? 0L : value;
  }
}
