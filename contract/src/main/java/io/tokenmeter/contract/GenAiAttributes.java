/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

/**
 * The OpenTelemetry GenAI semantic-convention attributes (newest spelling) that Tokenmeter emits on
 * spans and metrics or reads from them; docs/contract.md, "Spans".
 */
public final class GenAiAttributes {
  public static final String GEN_AI_OPERATION_NAME = "gen_ai.operation.name";
  public static final String GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";
  public static final String GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
  public static final String GEN_AI_REQUEST_STREAM = "gen_ai.request.stream";
  public static final String GEN_AI_RESPONSE_MODEL = "gen_ai.response.model";
  public static final String GEN_AI_RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
  public static final String GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK =
      "gen_ai.response.time_to_first_chunk";

  /** All input tokens, cached ones included. */
  public static final String GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";

  /** All output tokens, reasoning included. */
  public static final String GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

  public static final String GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
      "gen_ai.usage.cache_read.input_tokens";
  public static final String GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
      "gen_ai.usage.cache_creation.input_tokens";
  public static final String GEN_AI_USAGE_REASONING_OUTPUT_TOKENS =
      "gen_ai.usage.reasoning.output_tokens";
  public static final String GEN_AI_CONVERSATION_ID = "gen_ai.conversation.id";
  public static final String GEN_AI_AGENT_NAME = "gen_ai.agent.name";

  /** The metric attribute of {@code gen_ai.client.token.usage}: {@code input} or {@code output}. */
  public static final String GEN_AI_TOKEN_TYPE = "gen_ai.token.type";

  private GenAiAttributes() {}
}
