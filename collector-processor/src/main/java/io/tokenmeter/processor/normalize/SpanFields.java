package io.tokenmeter.processor.normalize;

import static io.tokenmeter.processor.normalize.GenAiAttributes.*;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Collects the attributes of one GenAI span in a single pass, one slot per spelling. */
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
  BigDecimal costUsd;
  BigDecimal costInput;
  BigDecimal costOutput;
  BigDecimal costCacheRead;
  BigDecimal costCacheWrite;
  BigDecimal openlitCost;
  boolean errorType;
  double ttft = Double.NaN;
  /** {@code tokenmeter.dim.<key>} string values by key; null (not allocated) until one is seen. */
  Map<String, String> dimensions;

  void read(KeyValue kv) {
    AnyValue v = kv.getValue();
    switch (kv.getKey()) {
      case OPERATION_NAME -> operation = text(v);
      case PROVIDER_NAME -> providerName = text(v);
      case SYSTEM -> system = text(v);
      case RESPONSE_MODEL -> responseModel = text(v);
      case REQUEST_MODEL -> requestModel = text(v);
      case LLM_REQUEST_TYPE -> llmRequestType = text(v);
      case INPUT_TOKENS -> inputTokens = count(v);
      case PROMPT_TOKENS -> promptTokens = count(v);
      case OUTPUT_TOKENS -> outputTokens = count(v);
      case COMPLETION_TOKENS -> completionTokens = count(v);
      case CACHE_READ -> cacheRead = count(v);
      case CACHE_READ_OLD -> cacheReadOld = count(v);
      case CACHE_CREATION -> cacheCreation = count(v);
      case CACHE_WRITE -> cacheWrite = count(v);
      case CACHE_CREATION_OLD -> cacheCreationOld = count(v);
      case REASONING -> reasoning = count(v);
      case REASONING_OLD -> reasoningOld = count(v);
      case SESSION_ID -> sessionId = text(v);
      case CONVERSATION_ID -> conversationId = text(v);
      case LANGFUSE_SESSION -> langfuseSession = text(v);
      case TRACELOOP_SESSION -> traceloopSession = text(v);
      case USER_ID -> userId = text(v);
      case ENDUSER_ID -> enduserId = text(v);
      case LANGFUSE_USER -> langfuseUser = text(v);
      case TRACELOOP_USER -> traceloopUser = text(v);
      case AGENT_NAME -> agent = text(v);
      case COST_USD -> costUsd = usd(v);
      case COST_INPUT_USD -> costInput = usd(v);
      case COST_OUTPUT_USD -> costOutput = usd(v);
      case COST_CACHE_READ_USD -> costCacheRead = usd(v);
      case COST_CACHE_WRITE_USD -> costCacheWrite = usd(v);
      case OPENLIT_COST -> openlitCost = usd(v);
      case ERROR_TYPE -> errorType = true;
      case TTFT, TTFT_SERVER -> ttft = seconds(v);
      default -> {
        if (kv.getKey().startsWith(DIMENSION_PREFIX)) {
          dimension(kv.getKey(), v);
        }
      }
    }
  }

  private void dimension(String key, AnyValue v) {
    if (v.getValueCase() != AnyValue.ValueCase.STRING_VALUE
        || v.getStringValue().isEmpty()
        || key.length() == DIMENSION_PREFIX.length()) {
      return;
    }
    if (dimensions == null) {
      dimensions = new HashMap<>(4);
    } else if (dimensions.size() >= GenAiCall.MAX_DIMENSIONS) {
      return;
    }
    dimensions.putIfAbsent(key.substring(DIMENSION_PREFIX.length()), v.getStringValue());
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

  private static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      default -> null;
    };
  }

  /** Returns a token count, or -1 when the value is missing, negative or not a number. */
  private static long count(AnyValue v) {
    long n;
    switch (v.getValueCase()) {
      case INT_VALUE -> n = v.getIntValue();
      case DOUBLE_VALUE -> {
        double d = v.getDoubleValue();
        n = Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (long) d : -1;
      }
      case STRING_VALUE -> n = parseLong(v.getStringValue());
      default -> n = -1;
    }
    return n < 0 ? -1 : n;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Returns a non-negative finite USD amount, or null. */
  private static BigDecimal usd(AnyValue v) {
    try {
      BigDecimal d =
          switch (v.getValueCase()) {
            case DOUBLE_VALUE ->
                Double.isFinite(v.getDoubleValue()) ? BigDecimal.valueOf(v.getDoubleValue()) : null;
            case INT_VALUE -> BigDecimal.valueOf(v.getIntValue());
            case STRING_VALUE -> new BigDecimal(v.getStringValue().trim());
            default -> null;
          };
      return d == null || d.signum() < 0 || d.scale() > 30 || d.precision() > 40 ? null : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static double seconds(AnyValue v) {
    double d =
        switch (v.getValueCase()) {
          case DOUBLE_VALUE -> v.getDoubleValue();
          case INT_VALUE -> v.getIntValue();
          default -> Double.NaN;
        };
    return Double.isFinite(d) && d >= 0 ? d : Double.NaN;
  }
}
