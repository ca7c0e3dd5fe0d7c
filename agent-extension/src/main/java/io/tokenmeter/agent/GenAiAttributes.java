/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** Attribute keys of the telemetry contract (DESIGN.md sections 3 to 5), each spelled once. */
public final class GenAiAttributes {
  public static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> PROVIDER_NAME =
      AttributeKey.stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
  public static final AttributeKey<String> REQUEST_MODEL =
      AttributeKey.stringKey("gen_ai.request.model");
  public static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  public static final AttributeKey<Long> INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<Long> CACHE_READ_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  public static final AttributeKey<Long> CACHE_CREATION_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");

  /** The spelling anthropic-java 3.x uses on its own spans. */
  public static final AttributeKey<Long> CACHE_WRITE_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_write.input_tokens");

  public static final AttributeKey<Long> REASONING_TOKENS =
      AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
  public static final AttributeKey<Double> TIME_TO_FIRST_CHUNK =
      AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");
  public static final AttributeKey<String> CONVERSATION_ID =
      AttributeKey.stringKey("gen_ai.conversation.id");
  public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
  public static final AttributeKey<String> SERVER_ADDRESS =
      AttributeKey.stringKey("server.address");
  public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  public static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");

  public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");
  public static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("session.id");

  public static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("tokenmeter.cost.usd");
  public static final AttributeKey<Double> COST_INPUT_USD =
      AttributeKey.doubleKey("tokenmeter.cost.input_usd");
  public static final AttributeKey<Double> COST_OUTPUT_USD =
      AttributeKey.doubleKey("tokenmeter.cost.output_usd");
  public static final AttributeKey<Double> COST_CACHE_READ_USD =
      AttributeKey.doubleKey("tokenmeter.cost.cache_read_usd");
  public static final AttributeKey<Double> COST_CACHE_WRITE_USD =
      AttributeKey.doubleKey("tokenmeter.cost.cache_write_usd");
  public static final AttributeKey<String> PRICING_MODEL =
      AttributeKey.stringKey("tokenmeter.pricing.model");

  /**
   * Set to true when a call finished without the provider reporting usage (never recorded as zero).
   */
  public static final AttributeKey<Boolean> USAGE_MISSING =
      AttributeKey.booleanKey("tokenmeter.usage.missing");

  /** A user id taken from the SDK request, for spans we do not create ourselves. */
  public static final AttributeKey<String> REQUEST_USER =
      AttributeKey.stringKey("tokenmeter.request.user");

  public static final String DIMENSION_PREFIX = "tokenmeter.dim.";

  private GenAiAttributes() {}
}
