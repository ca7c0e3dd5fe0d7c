/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides who a GenAI call was made for and in which session, at span start: Baggage first, then
 * attributes of the local root span, then the MDC, then what the SDK request itself said.
 */
final class AttributionResolver {
  private final TokenmeterConfig config;
  private final UserIdHasher hasher;
  private final MdcReader mdc = new MdcReader();
  private final List<AttributeKey<String>> userRootKeys;
  private final List<AttributeKey<List<String>>> userRootArrayKeys;
  private final List<AttributeKey<String>> sessionRootKeys;
  private final List<AttributeKey<List<String>>> sessionRootArrayKeys;
  private final List<String> dimensions;
  private final List<AttributeKey<String>> dimensionKeys;

  AttributionResolver(TokenmeterConfig config) {
    this.config = config;
    this.hasher = UserIdHasher.withSalt(config.userHashSalt());
    this.userRootKeys = keys("", config.userRootSpanAttributes());
    this.userRootArrayKeys = arrayKeys(config.userRootSpanAttributes());
    this.sessionRootKeys = keys("", config.sessionRootSpanAttributes());
    this.sessionRootArrayKeys = arrayKeys(config.sessionRootSpanAttributes());
    this.dimensions = config.dimensions();
    this.dimensionKeys = keys(GenAiAttributes.DIMENSION_PREFIX, dimensions);
  }

  private static List<AttributeKey<String>> keys(String prefix, List<String> names) {
    List<AttributeKey<String>> keys = new ArrayList<>(names.size());
    for (String name : names) {
      keys.add(AttributeKey.stringKey(prefix + name));
    }
    return keys;
  }

  /** Captured HTTP headers are string arrays. */
  private static List<AttributeKey<List<String>>> arrayKeys(List<String> names) {
    List<AttributeKey<List<String>>> keys = new ArrayList<>(names.size());
    for (String name : names) {
      keys.add(AttributeKey.stringArrayKey(name));
    }
    return keys;
  }

  UserIdHasher hasher() {
    return hasher;
  }

  void attribute(Context parent, ReadWriteSpan span) {
    Baggage baggage = Baggage.fromContext(parent);
    ReadableSpan root = localRoot(parent);

    String user = baggage.getEntryValue(config.userBaggageKey());
    if (user == null) {
      user = firstAttribute(root, userRootKeys, userRootArrayKeys);
    }
    if (user == null) {
      user = mdc.firstValue(config.userMdcKeys());
    }
    if (user != null && !user.isEmpty()) {
      span.setAttribute(GenAiAttributes.USER_ID, hasher.apply(user));
    } else if (config.userFromRequest()) {
      // Set by our instrumentations, already hashed; later for SDKs' own spans (see onEnding).
      String requestUser = span.getAttribute(GenAiAttributes.REQUEST_USER);
      if (requestUser != null) {
        span.setAttribute(GenAiAttributes.USER_ID, requestUser);
      }
    }

    String session = baggage.getEntryValue(config.sessionBaggageKey());
    if (session == null) {
      session = firstAttribute(root, sessionRootKeys, sessionRootArrayKeys);
    }
    if (session == null) {
      session = mdc.firstValue(config.sessionMdcKeys());
    }
    if (session == null) {
      session = span.getAttribute(GenAiAttributes.CONVERSATION_ID);
    }
    if (session != null && !session.isEmpty()) {
      span.setAttribute(GenAiAttributes.SESSION_ID, session);
    }

    for (int i = 0; i < dimensions.size(); i++) {
      String value = baggage.getEntryValue(dimensions.get(i));
      if (value != null) {
        span.setAttribute(dimensionKeys.get(i), value);
      }
    }
  }

  /**
   * Spans we did not start learn the SDK request's user late (already hashed where configured); it
   * ranks below every other source.
   */
  void adoptLateRequestUser(ReadWriteSpan span) {
    if (config.userFromRequest() && span.getAttribute(GenAiAttributes.USER_ID) == null) {
      String requestUser = span.getAttribute(GenAiAttributes.REQUEST_USER);
      if (requestUser != null) {
        span.setAttribute(GenAiAttributes.USER_ID, requestUser);
      }
    }
  }

  private static ReadableSpan localRoot(Context parent) {
    Span root = LocalRootSpan.fromContextOrNull(parent);
    if (root instanceof ReadableSpan) {
      return (ReadableSpan) root;
    }
    return null;
  }

  private static String firstAttribute(
      ReadableSpan root,
      List<AttributeKey<String>> keys,
      List<AttributeKey<List<String>>> arrayKeys) {
    if (root == null) {
      return null;
    }
    for (int i = 0; i < keys.size(); i++) {
      Object value = root.getAttribute(keys.get(i));
      if (value instanceof String && !((String) value).isEmpty()) {
        return (String) value;
      }
      Object list = root.getAttribute(arrayKeys.get(i));
      if (list instanceof List && !((List<?>) list).isEmpty()) {
        return String.valueOf(((List<?>) list).get(0));
      }
    }
    return null;
  }
}
