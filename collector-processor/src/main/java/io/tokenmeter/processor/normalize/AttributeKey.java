/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import io.tokenmeter.contract.BillableCall;
import io.tokenmeter.contract.GenAiAttributes;
import io.tokenmeter.contract.LegacyGenAiAttributes;
import io.tokenmeter.contract.OtelAttributes;
import io.tokenmeter.contract.TokenmeterAttributes;
import io.tokenmeter.contract.VendorAttributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The span attribute keys the normaliser reads, recognised without hashing the key.
 *
 * <p>Every key arrives as a freshly decoded {@code String}, so a hash lookup (a {@code switch} on
 * strings, a {@code Set}) computes its hash once per attribute per span. Known keys differ mostly
 * in length, so {@link #of} looks at the few keys of the same length and compares only those.
 */
enum AttributeKey {
  OPERATION(GenAiAttributes.GEN_AI_OPERATION_NAME),
  PROVIDER(GenAiAttributes.GEN_AI_PROVIDER_NAME),
  SYSTEM_NAME(LegacyGenAiAttributes.GEN_AI_SYSTEM),
  RESPONSE_MODEL_NAME(GenAiAttributes.GEN_AI_RESPONSE_MODEL),
  REQUEST_MODEL_NAME(GenAiAttributes.GEN_AI_REQUEST_MODEL),
  REQUEST_TYPE(VendorAttributes.TRACELOOP_LLM_REQUEST_TYPE),
  INPUT(GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS),
  PROMPT(LegacyGenAiAttributes.GEN_AI_USAGE_PROMPT_TOKENS),
  OUTPUT(GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS),
  COMPLETION(LegacyGenAiAttributes.GEN_AI_USAGE_COMPLETION_TOKENS),
  CACHE_READ_TOKENS(GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS),
  CACHE_READ_TOKENS_OLD(LegacyGenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_UNDERSCORED),
  CACHE_CREATION_TOKENS(GenAiAttributes.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS),
  CACHE_WRITE_TOKENS(VendorAttributes.ANTHROPIC_CACHE_WRITE_INPUT_TOKENS),
  CACHE_CREATION_TOKENS_OLD(
      LegacyGenAiAttributes.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_UNDERSCORED),
  REASONING_TOKENS(GenAiAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS),
  REASONING_TOKENS_OLD(LegacyGenAiAttributes.GEN_AI_USAGE_REASONING_TOKENS),
  SESSION(OtelAttributes.SESSION_ID),
  CONVERSATION(GenAiAttributes.GEN_AI_CONVERSATION_ID),
  LANGFUSE_SESSION_ID(VendorAttributes.LANGFUSE_SESSION_ID),
  TRACELOOP_SESSION_ID(VendorAttributes.TRACELOOP_SESSION_ID),
  USER(OtelAttributes.USER_ID),
  ENDUSER(OtelAttributes.ENDUSER_ID),
  LANGFUSE_USER_ID(VendorAttributes.LANGFUSE_USER_ID),
  TRACELOOP_USER_ID(VendorAttributes.TRACELOOP_USER_ID),
  AGENT(GenAiAttributes.GEN_AI_AGENT_NAME),
  COST(TokenmeterAttributes.COST_USD),
  COST_INPUT(TokenmeterAttributes.COST_INPUT_USD),
  COST_OUTPUT(TokenmeterAttributes.COST_OUTPUT_USD),
  COST_CACHE_READ(TokenmeterAttributes.COST_CACHE_READ_USD),
  COST_CACHE_WRITE(TokenmeterAttributes.COST_CACHE_WRITE_USD),
  OPENLIT_USAGE_COST(VendorAttributes.OPENLIT_USAGE_COST),
  ERROR(OtelAttributes.ERROR_TYPE),
  TIME_TO_FIRST_CHUNK(GenAiAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK),
  TIME_TO_FIRST_TOKEN(VendorAttributes.OPENLIT_SERVER_TIME_TO_FIRST_TOKEN);

  /** Known keys by length: {@code BY_LENGTH[n]} holds the keys of n characters, or null. */
  private static final AttributeKey[][] BY_LENGTH = byLength();

  private final String key;
  private final byte[] utf8;
  private final boolean marker;

  AttributeKey(String key) {
    this.key = key;
    this.utf8 = key.getBytes(StandardCharsets.UTF_8); // ASCII: as many bytes as characters
    this.marker = BillableCall.isMarker(key);
  }

  /** Returns the attribute name. */
  String key() {
    return key;
  }

  /** Returns true when this attribute on a span marks it as a billable LLM call. */
  boolean marker() {
    return marker;
  }

  /** Returns the known key equal to {@code name}, or null. */
  static AttributeKey of(String name) {
    int length = name.length();
    if (length >= BY_LENGTH.length) {
      return null;
    }
    AttributeKey[] candidates = BY_LENGTH[length];
    if (candidates != null) {
      for (AttributeKey k : candidates) {
        if (k.key.equals(name)) {
          return k;
        }
      }
    }
    return null;
  }

  /** Returns the known key whose UTF-8 encoding is {@code bytes[from, from + length)}, or null. */
  static AttributeKey of(byte[] bytes, int from, int length) {
    if (length >= BY_LENGTH.length) {
      return null;
    }
    AttributeKey[] candidates = BY_LENGTH[length];
    if (candidates != null) {
      for (AttributeKey k : candidates) {
        if (Arrays.equals(k.utf8, 0, length, bytes, from, from + length)) {
          return k;
        }
      }
    }
    return null;
  }

  private static AttributeKey[][] byLength() {
    int longest = 0;
    for (AttributeKey k : values()) {
      longest = Math.max(longest, k.key.length());
    }
    List<List<AttributeKey>> lists = new ArrayList<>();
    for (int i = 0; i <= longest; i++) {
      lists.add(new ArrayList<>());
    }
    for (AttributeKey k : values()) {
      lists.get(k.key.length()).add(k);
    }
    AttributeKey[][] table = new AttributeKey[longest + 1][];
    for (int i = 0; i <= longest; i++) {
      table[i] = lists.get(i).isEmpty() ? null : lists.get(i).toArray(AttributeKey[]::new);
    }
    return table;
  }
}
