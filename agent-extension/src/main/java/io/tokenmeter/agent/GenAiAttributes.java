/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_AGENT_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_REQUEST_STREAM;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_TOKEN_TYPE;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS;
import static io.tokenmeter.contract.LegacyGenAiAttributes.GEN_AI_SYSTEM;
import static io.tokenmeter.contract.VendorAttributes.ANTHROPIC_CACHE_WRITE_INPUT_TOKENS;

import io.opentelemetry.api.common.AttributeKey;
import io.tokenmeter.contract.OtelAttributes;
import io.tokenmeter.contract.TokenmeterAttributes;
import java.util.List;

/**
 * The attributes of the contract (docs/contract.md, "Spans" and "Agent metrics") the agent reads or
 * writes, as typed keys of the OpenTelemetry API; the names come from {@code
 * io.tokenmeter.contract}.
 */
public final class GenAiAttributes {
  public static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey(GEN_AI_OPERATION_NAME);
  public static final AttributeKey<String> PROVIDER_NAME =
      AttributeKey.stringKey(GEN_AI_PROVIDER_NAME);
  public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey(GEN_AI_SYSTEM);
  public static final AttributeKey<String> REQUEST_MODEL =
      AttributeKey.stringKey(GEN_AI_REQUEST_MODEL);
  public static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey(GEN_AI_RESPONSE_MODEL);
  public static final AttributeKey<Long> INPUT_TOKENS =
      AttributeKey.longKey(GEN_AI_USAGE_INPUT_TOKENS);
  public static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey(GEN_AI_USAGE_OUTPUT_TOKENS);
  public static final AttributeKey<Long> CACHE_READ_TOKENS =
      AttributeKey.longKey(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS);
  public static final AttributeKey<Long> CACHE_CREATION_TOKENS =
      AttributeKey.longKey(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS);

  /** The spelling anthropic-java 3.x uses on its own spans. */
  public static final AttributeKey<Long> CACHE_WRITE_TOKENS =
      AttributeKey.longKey(ANTHROPIC_CACHE_WRITE_INPUT_TOKENS);

  public static final AttributeKey<Long> REASONING_TOKENS =
      AttributeKey.longKey(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS);
  public static final AttributeKey<Double> TIME_TO_FIRST_CHUNK =
      AttributeKey.doubleKey(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK);
  public static final AttributeKey<String> CONVERSATION_ID =
      AttributeKey.stringKey(GEN_AI_CONVERSATION_ID);
  public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey(GEN_AI_AGENT_NAME);
  public static final AttributeKey<Boolean> REQUEST_STREAM =
      AttributeKey.booleanKey(GEN_AI_REQUEST_STREAM);

  /** The metric attribute of the token histogram: {@code input} or {@code output}. */
  public static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey(GEN_AI_TOKEN_TYPE);

  public static final AttributeKey<String> SERVER_ADDRESS =
      AttributeKey.stringKey(OtelAttributes.SERVER_ADDRESS);
  public static final AttributeKey<Long> SERVER_PORT =
      AttributeKey.longKey(OtelAttributes.SERVER_PORT);
  public static final AttributeKey<String> ERROR_TYPE =
      AttributeKey.stringKey(OtelAttributes.ERROR_TYPE);
  public static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey(GEN_AI_RESPONSE_FINISH_REASONS);

  public static final AttributeKey<String> USER_ID = AttributeKey.stringKey(OtelAttributes.USER_ID);
  public static final AttributeKey<String> SESSION_ID =
      AttributeKey.stringKey(OtelAttributes.SESSION_ID);

  public static final AttributeKey<Double> COST_USD =
      AttributeKey.doubleKey(TokenmeterAttributes.COST_USD);
  public static final AttributeKey<Double> COST_INPUT_USD =
      AttributeKey.doubleKey(TokenmeterAttributes.COST_INPUT_USD);
  public static final AttributeKey<Double> COST_OUTPUT_USD =
      AttributeKey.doubleKey(TokenmeterAttributes.COST_OUTPUT_USD);
  public static final AttributeKey<Double> COST_CACHE_READ_USD =
      AttributeKey.doubleKey(TokenmeterAttributes.COST_CACHE_READ_USD);
  public static final AttributeKey<Double> COST_CACHE_WRITE_USD =
      AttributeKey.doubleKey(TokenmeterAttributes.COST_CACHE_WRITE_USD);
  public static final AttributeKey<String> PRICING_MODEL =
      AttributeKey.stringKey(TokenmeterAttributes.PRICING_MODEL);

  /**
   * Set to true when a call finished without the provider reporting usage (never recorded as zero).
   */
  public static final AttributeKey<Boolean> USAGE_MISSING =
      AttributeKey.booleanKey(TokenmeterAttributes.USAGE_MISSING);

  /** A user id taken from the SDK request, for spans we do not create ourselves. */
  public static final AttributeKey<String> REQUEST_USER =
      AttributeKey.stringKey(TokenmeterAttributes.REQUEST_USER);

  public static final String DIMENSION_PREFIX = TokenmeterAttributes.DIMENSION_PREFIX;

  private GenAiAttributes() {}
}
