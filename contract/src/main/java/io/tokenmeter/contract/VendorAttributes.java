/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

/**
 * Attributes other GenAI instrumentations put on their spans for what the semantic conventions name
 * differently or not at all; the processor reads them for tokens, cost, user and session.
 */
public final class VendorAttributes {
  /** anthropic-java 3.x's spelling of cache creation tokens on its own spans. */
  public static final String ANTHROPIC_CACHE_WRITE_INPUT_TOKENS =
      "gen_ai.usage.cache_write.input_tokens";

  /** The instrumentation scope of anthropic-java 3.x's own spans. */
  public static final String ANTHROPIC_SDK_SCOPE = "com.anthropic.sdk.java";

  /** OpenLIT's cost of the call in USD. */
  public static final String OPENLIT_USAGE_COST = "gen_ai.usage.cost";

  /** OpenLIT's time to the first token, in seconds. */
  public static final String OPENLIT_SERVER_TIME_TO_FIRST_TOKEN =
      "gen_ai.server.time_to_first_token";

  /** Traceloop (OpenLLMetry)'s operation of a call: {@code chat}, {@code completion}, ... */
  public static final String TRACELOOP_LLM_REQUEST_TYPE = "llm.request.type";

  public static final String TRACELOOP_USER_ID = "traceloop.association.properties.user_id";
  public static final String TRACELOOP_SESSION_ID = "traceloop.association.properties.session_id";
  public static final String LANGFUSE_USER_ID = "langfuse.user.id";
  public static final String LANGFUSE_SESSION_ID = "langfuse.session.id";

  private VendorAttributes() {}
}
