/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

/**
 * The attribute names the normaliser reads, newest spelling first in each group; {@link
 * AttributeKey} recognises them on spans.
 */
final class GenAiAttributes {
  private GenAiAttributes() {}

  static final String OPERATION_NAME = "gen_ai.operation.name";
  static final String PROVIDER_NAME = "gen_ai.provider.name";
  static final String SYSTEM = "gen_ai.system";
  static final String RESPONSE_MODEL = "gen_ai.response.model";
  static final String REQUEST_MODEL = "gen_ai.request.model";
  static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
  static final String PROMPT_TOKENS = "gen_ai.usage.prompt_tokens";
  static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  static final String COMPLETION_TOKENS = "gen_ai.usage.completion_tokens";
  static final String CACHE_READ = "gen_ai.usage.cache_read.input_tokens";
  static final String CACHE_READ_OLD = "gen_ai.usage.cache_read_input_tokens";
  static final String CACHE_CREATION = "gen_ai.usage.cache_creation.input_tokens";
  static final String CACHE_WRITE = "gen_ai.usage.cache_write.input_tokens";
  static final String CACHE_CREATION_OLD = "gen_ai.usage.cache_creation_input_tokens";
  static final String REASONING = "gen_ai.usage.reasoning.output_tokens";
  static final String REASONING_OLD = "gen_ai.usage.reasoning_tokens";
  static final String SESSION_ID = "session.id";
  static final String CONVERSATION_ID = "gen_ai.conversation.id";
  static final String LANGFUSE_SESSION = "langfuse.session.id";
  static final String TRACELOOP_SESSION = "traceloop.association.properties.session_id";
  static final String USER_ID = "user.id";
  static final String ENDUSER_ID = "enduser.id";
  static final String LANGFUSE_USER = "langfuse.user.id";
  static final String TRACELOOP_USER = "traceloop.association.properties.user_id";
  static final String AGENT_NAME = "gen_ai.agent.name";
  static final String COST_USD = "tokenmeter.cost.usd";
  static final String COST_INPUT_USD = "tokenmeter.cost.input_usd";
  static final String COST_OUTPUT_USD = "tokenmeter.cost.output_usd";
  static final String COST_CACHE_READ_USD = "tokenmeter.cost.cache_read_usd";
  static final String COST_CACHE_WRITE_USD = "tokenmeter.cost.cache_write_usd";
  static final String OPENLIT_COST = "gen_ai.usage.cost";
  static final String ERROR_TYPE = "error.type";
  static final String TTFT = "gen_ai.response.time_to_first_chunk";
  static final String TTFT_SERVER = "gen_ai.server.time_to_first_token";
  static final String LLM_REQUEST_TYPE = "llm.request.type";
  static final String SERVICE_NAME = "service.name";

  /** Prefix of the configured dimensions the agent extension copies from Baggage. */
  static final String DIMENSION_PREFIX = "tokenmeter.dim.";
}
