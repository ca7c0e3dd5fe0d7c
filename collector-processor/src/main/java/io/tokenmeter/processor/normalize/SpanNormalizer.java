/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tokenmeter.contract.OtelAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a span into a {@link GenAiCall}, reading every known spelling of the GenAI attributes.
 *
 * <p>{@code gen_ai.usage.input_tokens} (and {@code prompt_tokens}) are read as inclusive of cache
 * tokens, as the semantic conventions, OpenAI and anthropic-java 3.x spans report them. Some older
 * Anthropic instrumentations report the uncached input only; when the input count is smaller than
 * the cache tokens it cannot be inclusive, and the cache tokens are added to it.
 */
public final class SpanNormalizer {
  static final String UNKNOWN = "unknown";
  static final String UNKNOWN_SERVICE = "unknown_service";

  private SpanNormalizer() {}

  /** Returns {@code service.name} of a resource, or {@code unknown_service}. */
  public static String serviceName(Resource resource) {
    List<KeyValue> attributes = resource.getAttributesList();
    for (int i = 0, n = attributes.size(); i < n; i++) {
      KeyValue kv = attributes.get(i);
      if (OtelAttributes.SERVICE_NAME.equals(kv.getKey())) {
        String s = kv.getValue().getStringValue();
        return s.isEmpty() ? UNKNOWN_SERVICE : s;
      }
    }
    return UNKNOWN_SERVICE;
  }

  /** Returns true when the span carries any GenAI marker attribute; allocates nothing. */
  public static boolean isGenAi(Span span) {
    List<KeyValue> attributes = span.getAttributesList();
    for (int i = 0, n = attributes.size(); i < n; i++) {
      AttributeKey key = AttributeKey.of(attributes.get(i).getKey());
      if (key != null && key.marker()) {
        return true;
      }
    }
    return false;
  }

  /** Returns the call a span that {@link #isGenAi} accepted describes. */
  public static GenAiCall normalizeGenAi(String service, Span span) {
    SpanFields f = new SpanFields();
    AttributeValue value = new AttributeValue();
    List<KeyValue> attributes = span.getAttributesList();
    for (int i = 0, n = attributes.size(); i < n; i++) {
      f.read(attributes.get(i), value);
    }
    return toCall(
        service,
        f,
        span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        span.getTraceId(),
        span.getSpanId());
  }

  /** Returns the call a GenAI span describes, from its attributes and the span's own fields. */
  static GenAiCall toCall(
      String service,
      SpanFields f,
      boolean statusError,
      long startNanos,
      long endNanos,
      ByteString traceId,
      ByteString spanId) {
    long cacheRead = SpanFields.first(f.cacheRead, f.cacheReadOld);
    long cacheCreation = SpanFields.first(f.cacheCreation, f.cacheWrite, f.cacheCreationOld);
    long reasoning = SpanFields.first(f.reasoning, f.reasoningOld);
    long input = SpanFields.first(f.inputTokens, f.promptTokens);
    long output = SpanFields.first(f.outputTokens, f.completionTokens);
    long cached = Math.max(cacheRead, 0) + Math.max(cacheCreation, 0);
    if (cached > 0 && input < cached) {
      input = Math.max(input, 0) + cached; // an exclusive count; see the class comment
    }
    if (reasoning > 0 && output < reasoning) {
      output = Math.max(output, 0) + reasoning;
    }
    String provider = SpanFields.first(f.providerName, f.system);
    String model = SpanFields.first(f.responseModel, f.requestModel);
    String operation = SpanFields.first(f.operation, f.llmRequestType);
    boolean error = f.errorType || statusError;
    long spanCost = f.costUsd >= 0 ? f.costUsd : f.openlitCost;
    return new GenAiCall(
        service,
        provider == null ? UNKNOWN : provider.toLowerCase(Locale.ROOT),
        model == null ? UNKNOWN : model,
        operation == null ? UNKNOWN : operation,
        error,
        input,
        output,
        Math.max(cacheRead, 0),
        Math.max(cacheCreation, 0),
        Math.max(reasoning, 0),
        SpanFields.first(f.userId, f.enduserId, f.langfuseUser, f.traceloopUser),
        SpanFields.first(f.sessionId, f.conversationId, f.langfuseSession, f.traceloopSession),
        SpanFields.first(f.agent),
        spanCost,
        costParts(f),
        durationSeconds(startNanos, endNanos),
        f.ttft,
        traceId,
        spanId,
        f.dimensions == null ? Map.of() : f.dimensions);
  }

  private static GenAiCall.SpanCostParts costParts(SpanFields f) {
    if (f.costUsd < 0
        || (f.costInput < 0 && f.costOutput < 0 && f.costCacheRead < 0 && f.costCacheWrite < 0)) {
      return null;
    }
    return new GenAiCall.SpanCostParts(
        Math.max(f.costInput, 0),
        Math.max(f.costOutput, 0),
        Math.max(f.costCacheRead, 0),
        Math.max(f.costCacheWrite, 0));
  }

  private static double durationSeconds(long start, long end) {
    return start > 0 && end >= start ? (end - start) / 1e9 : Double.NaN;
  }
}
