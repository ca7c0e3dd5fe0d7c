/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import static io.tokenmeter.processor.normalize.GenAiAttributes.*;

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
  OPERATION(OPERATION_NAME, true),
  PROVIDER(PROVIDER_NAME, true),
  SYSTEM_NAME(SYSTEM, true),
  RESPONSE_MODEL_NAME(RESPONSE_MODEL, false),
  REQUEST_MODEL_NAME(REQUEST_MODEL, false),
  REQUEST_TYPE(LLM_REQUEST_TYPE, true),
  INPUT(INPUT_TOKENS, true),
  PROMPT(PROMPT_TOKENS, true),
  OUTPUT(OUTPUT_TOKENS, false),
  COMPLETION(COMPLETION_TOKENS, false),
  CACHE_READ_TOKENS(CACHE_READ, false),
  CACHE_READ_TOKENS_OLD(CACHE_READ_OLD, false),
  CACHE_CREATION_TOKENS(CACHE_CREATION, false),
  CACHE_WRITE_TOKENS(CACHE_WRITE, false),
  CACHE_CREATION_TOKENS_OLD(CACHE_CREATION_OLD, false),
  REASONING_TOKENS(REASONING, false),
  REASONING_TOKENS_OLD(REASONING_OLD, false),
  SESSION(SESSION_ID, false),
  CONVERSATION(CONVERSATION_ID, false),
  LANGFUSE_SESSION_ID(LANGFUSE_SESSION, false),
  TRACELOOP_SESSION_ID(TRACELOOP_SESSION, false),
  USER(USER_ID, false),
  ENDUSER(ENDUSER_ID, false),
  LANGFUSE_USER_ID(LANGFUSE_USER, false),
  TRACELOOP_USER_ID(TRACELOOP_USER, false),
  AGENT(AGENT_NAME, false),
  COST(COST_USD, false),
  COST_INPUT(COST_INPUT_USD, false),
  COST_OUTPUT(COST_OUTPUT_USD, false),
  COST_CACHE_READ(COST_CACHE_READ_USD, false),
  COST_CACHE_WRITE(COST_CACHE_WRITE_USD, false),
  OPENLIT_USAGE_COST(OPENLIT_COST, false),
  ERROR(ERROR_TYPE, false),
  TIME_TO_FIRST_CHUNK(TTFT, false),
  TIME_TO_FIRST_TOKEN(TTFT_SERVER, false);

  /** Known keys by length: {@code BY_LENGTH[n]} holds the keys of n characters, or null. */
  private static final AttributeKey[][] BY_LENGTH = byLength();

  private final String key;
  private final byte[] utf8;
  private final boolean marker;

  AttributeKey(String key, boolean marker) {
    this.key = key;
    this.utf8 = key.getBytes(StandardCharsets.UTF_8); // ASCII: as many bytes as characters
    this.marker = marker;
  }

  /** Returns the attribute name. */
  String key() {
    return key;
  }

  /** Returns true when this attribute on a span marks it as a GenAI call. */
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
