/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static io.tokenmeter.contract.LegacyGenAiAttributes.GEN_AI_SYSTEM;
import static io.tokenmeter.contract.LegacyGenAiAttributes.GEN_AI_USAGE_PROMPT_TOKENS;
import static io.tokenmeter.contract.VendorAttributes.TRACELOOP_LLM_REQUEST_TYPE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The one rule for a billable LLM call: a span is one when it carries any marker attribute, that
 * is, when it names its GenAI operation or provider, or counts its input tokens, in any spelling
 * Tokenmeter reads. The agent prices and attributes such spans; the processor counts and prices
 * them. Which attributes mark a call depends only on their keys, never on their values.
 */
public final class BillableCall {
  private static final String[] CALL_NAMES = {
    GEN_AI_OPERATION_NAME, GEN_AI_PROVIDER_NAME, GEN_AI_SYSTEM, TRACELOOP_LLM_REQUEST_TYPE
  };
  private static final String[] INPUT_TOKEN_COUNTS = {
    GEN_AI_USAGE_INPUT_TOKENS, GEN_AI_USAGE_PROMPT_TOKENS
  };

  private BillableCall() {}

  /** Tells whether a span with attribute {@code key} is a billable LLM call; allocates nothing. */
  public static boolean isMarker(String key) {
    return namesCall(key) || countsInputTokens(key);
  }

  /**
   * Tells whether {@code key} names the operation or the provider of a call; its value is a string.
   */
  public static boolean namesCall(String key) {
    return contains(CALL_NAMES, key);
  }

  /** Tells whether {@code key} counts the input tokens of a call; its value is an integer. */
  public static boolean countsInputTokens(String key) {
    return contains(INPUT_TOKEN_COUNTS, key);
  }

  /** Returns every marker attribute key, the names of a call first. */
  public static List<String> markers() {
    List<String> all = new ArrayList<>(Arrays.asList(CALL_NAMES));
    all.addAll(Arrays.asList(INPUT_TOKEN_COUNTS));
    return Collections.unmodifiableList(all);
  }

  private static boolean contains(String[] keys, String key) {
    for (String k : keys) {
      if (k.equals(key)) {
        return true;
      }
    }
    return false;
  }
}
