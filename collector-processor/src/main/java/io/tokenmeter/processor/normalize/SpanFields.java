/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import static io.tokenmeter.contract.TokenmeterAttributes.DIMENSION_PREFIX;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects the attributes of one GenAI span in a single pass, one slot per spelling. Values of keys
 * it does not read are not looked at; costs are held in pico-dollars, -1 when absent or invalid.
 */
final class SpanFields {
  String operation;
  String providerName;
  String system;
  String responseModel;
  String requestModel;
  String llmRequestType;
  long inputTokens = -1;
  long promptTokens = -1;
  long outputTokens = -1;
  long completionTokens = -1;
  long cacheRead = -1;
  long cacheReadOld = -1;
  long cacheCreation = -1;
  long cacheWrite = -1;
  long cacheCreationOld = -1;
  long reasoning = -1;
  long reasoningOld = -1;
  String sessionId;
  String conversationId;
  String langfuseSession;
  String traceloopSession;
  String userId;
  String enduserId;
  String langfuseUser;
  String traceloopUser;
  String agent;
  long costUsd = -1;
  long costInput = -1;
  long costOutput = -1;
  long costCacheRead = -1;
  long costCacheWrite = -1;
  long openlitCost = -1;
  boolean errorType;
  double ttft = Double.NaN;

  /** {@code tokenmeter.dim.<key>} string values by key; null (not allocated) until one is seen. */
  Map<String, String> dimensions;

  /** Reads one decoded attribute, through {@code value}, a holder reused across attributes. */
  void read(KeyValue kv, AttributeValue value) {
    String name = kv.getKey();
    AttributeKey key = AttributeKey.of(name);
    if (key != null) {
      assign(key, value.set(kv.getValue()));
    } else if (name.startsWith(DIMENSION_PREFIX)) {
      value.set(kv.getValue());
      if (value.isNonEmptyString() && name.length() > DIMENSION_PREFIX.length()) {
        dimension(name.substring(DIMENSION_PREFIX.length()), value.string());
      }
    }
  }

  /** Stores the value of a known attribute in its slot. */
  void assign(AttributeKey key, AttributeValue v) {
    switch (key) {
      case OPERATION -> operation = frequentText(v);
      case PROVIDER -> providerName = frequentText(v);
      case SYSTEM_NAME -> system = frequentText(v);
      case RESPONSE_MODEL_NAME -> responseModel = frequentText(v);
      case REQUEST_MODEL_NAME -> requestModel = frequentText(v);
      case REQUEST_TYPE -> llmRequestType = frequentText(v);
      case INPUT -> inputTokens = count(v);
      case PROMPT -> promptTokens = count(v);
      case OUTPUT -> outputTokens = count(v);
      case COMPLETION -> completionTokens = count(v);
      case CACHE_READ_TOKENS -> cacheRead = count(v);
      case CACHE_READ_TOKENS_OLD -> cacheReadOld = count(v);
      case CACHE_CREATION_TOKENS -> cacheCreation = count(v);
      case CACHE_WRITE_TOKENS -> cacheWrite = count(v);
      case CACHE_CREATION_TOKENS_OLD -> cacheCreationOld = count(v);
      case REASONING_TOKENS -> reasoning = count(v);
      case REASONING_TOKENS_OLD -> reasoningOld = count(v);
      case SESSION -> sessionId = text(v);
      case CONVERSATION -> conversationId = text(v);
      case LANGFUSE_SESSION_ID -> langfuseSession = text(v);
      case TRACELOOP_SESSION_ID -> traceloopSession = text(v);
      case USER -> userId = text(v);
      case ENDUSER -> enduserId = text(v);
      case LANGFUSE_USER_ID -> langfuseUser = text(v);
      case TRACELOOP_USER_ID -> traceloopUser = text(v);
      case AGENT -> agent = frequentText(v);
      case COST -> costUsd = pico(v);
      case COST_INPUT -> costInput = pico(v);
      case COST_OUTPUT -> costOutput = pico(v);
      case COST_CACHE_READ -> costCacheRead = pico(v);
      case COST_CACHE_WRITE -> costCacheWrite = pico(v);
      case OPENLIT_USAGE_COST -> openlitCost = pico(v);
      case ERROR -> errorType = true;
      case TIME_TO_FIRST_CHUNK, TIME_TO_FIRST_TOKEN -> ttft = seconds(v);
    }
  }

  /** Keeps a {@code tokenmeter.dim.<key>} value; the first of a key wins, at most 16 keys. */
  void dimension(String key, String v) {
    if (dimensions == null) {
      dimensions = new HashMap<>(4);
    } else if (dimensions.size() >= GenAiCall.MAX_DIMENSIONS) {
      return;
    }
    dimensions.putIfAbsent(key, v);
  }

  static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  static long first(long a, long b) {
    return a >= 0 ? a : b;
  }

  static long first(long a, long b, long c) {
    return a >= 0 ? a : b >= 0 ? b : c;
  }

  /** Returns the text of a value that repeats across spans (a model, a provider, an agent). */
  private static String frequentText(AttributeValue v) {
    return v.kind == AttributeValue.Kind.STRING ? v.frequentString() : text(v);
  }

  private static String text(AttributeValue v) {
    return switch (v.kind) {
      case STRING -> v.string();
      case INT -> Long.toString(v.intValue);
      case DOUBLE -> Double.toString(v.doubleValue);
      case BOOL -> Boolean.toString(v.boolValue);
      case OTHER -> null;
    };
  }

  /** Returns a token count, or -1 when the value is missing, negative or not a number. */
  private static long count(AttributeValue v) {
    long n =
        switch (v.kind) {
          case INT -> v.intValue;
          case DOUBLE -> {
            double d = v.doubleValue;
            yield Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (long) d : -1;
          }
          case STRING -> parseLong(v.string());
          default -> -1;
        };
    return n < 0 ? -1 : n;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Returns a non-negative USD amount in pico-dollars, or -1. */
  private static long pico(AttributeValue v) {
    return switch (v.kind) {
      case DOUBLE -> PicoUsd.of(v.doubleValue);
      case INT -> PicoUsd.of(v.intValue);
      case STRING -> PicoUsd.parse(v.string());
      default -> -1;
    };
  }

  private static double seconds(AttributeValue v) {
    double d =
        switch (v.kind) {
          case DOUBLE -> v.doubleValue;
          case INT -> v.intValue;
          default -> Double.NaN;
        };
    return Double.isFinite(d) && d >= 0 ? d : Double.NaN;
  }
}
