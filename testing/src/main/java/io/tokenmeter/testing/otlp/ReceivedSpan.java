/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.testing.otlp;

import static io.tokenmeter.contract.OtelAttributes.SERVICE_NAME;

import java.util.List;
import java.util.Map;

/**
 * One span as it arrived over OTLP, flattened: ids in lower-case hex, kind without the {@code
 * SPAN_KIND_} prefix ({@code CLIENT}, {@code SERVER}, ...), status code without {@code
 * STATUS_CODE_} ({@code UNSET}, {@code OK}, {@code ERROR}); attribute values are String, Long,
 * Double, Boolean or List of those.
 */
public record ReceivedSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    String scopeName,
    Map<String, Object> resource,
    Map<String, Object> attributes,
    String statusCode,
    String statusMessage,
    List<String> eventNames) {

  /** Returns whether the span has no parent (an empty {@link #parentSpanId()}). */
  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  /** Returns the attribute value, or null. */
  public Object attribute(String key) {
    return attributes.get(key);
  }

  /** Returns whether the span carries any attribute whose key starts with the prefix. */
  public boolean hasAttributeStartingWith(String prefix) {
    return attributes.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  /** Returns the {@code service.name} resource attribute, or null. */
  public String serviceName() {
    Object name = resource.get(SERVICE_NAME);
    return name == null ? null : name.toString();
  }
}
