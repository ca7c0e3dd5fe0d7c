/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

/**
 * Older spellings of GenAI semantic-convention attributes, still emitted by other instrumentations;
 * the processor reads them after the newest spelling ({@link GenAiAttributes}).
 */
public final class LegacyGenAiAttributes {
  /** Renamed to {@link GenAiAttributes#GEN_AI_PROVIDER_NAME}. */
  public static final String GEN_AI_SYSTEM = "gen_ai.system";

  /** Renamed to {@link GenAiAttributes#GEN_AI_USAGE_INPUT_TOKENS}. */
  public static final String GEN_AI_USAGE_PROMPT_TOKENS = "gen_ai.usage.prompt_tokens";

  /** Renamed to {@link GenAiAttributes#GEN_AI_USAGE_OUTPUT_TOKENS}. */
  public static final String GEN_AI_USAGE_COMPLETION_TOKENS = "gen_ai.usage.completion_tokens";

  /** Renamed to {@link GenAiAttributes#GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS}. */
  public static final String GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_UNDERSCORED =
      "gen_ai.usage.cache_read_input_tokens";

  /** Renamed to {@link GenAiAttributes#GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS}. */
  public static final String GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_UNDERSCORED =
      "gen_ai.usage.cache_creation_input_tokens";

  /** Renamed to {@link GenAiAttributes#GEN_AI_USAGE_REASONING_OUTPUT_TOKENS}. */
  public static final String GEN_AI_USAGE_REASONING_TOKENS = "gen_ai.usage.reasoning_tokens";

  private LegacyGenAiAttributes() {}
}
