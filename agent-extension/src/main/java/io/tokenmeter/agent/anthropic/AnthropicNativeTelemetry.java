/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.anthropic;

import com.anthropic.core.ClientOptions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.RequestUser;
import io.tokenmeter.contract.TokenmeterAttributes;
import java.lang.reflect.Method;

/**
 * anthropic-java 3.0+ makes its own GenAI span per call through GlobalOpenTelemetry. For those
 * clients we add no span; we only hand the request's {@code metadata.user_id} to the SDK's span,
 * which the span processor then prices and attributes like any other.
 */
public final class AnthropicNativeTelemetry {
  private static final ContextKey<String> REQUEST_USER =
      ContextKey.named("tokenmeter-anthropic-request-user");
  // Keys of its own, built from the contract's compile-time constants: an injected helper class
  // must not reach io.tokenmeter.agent.GenAiAttributes, which the agent's class loader holds.
  private static final AttributeKey<String> REQUEST_USER_ATTRIBUTE =
      AttributeKey.stringKey(TokenmeterAttributes.REQUEST_USER);
  private static final Method TRACER = tracerMethod();

  private AnthropicNativeTelemetry() {}

  private static Method tracerMethod() {
    try {
      Method method =
          Class.forName("com.anthropic.core.opentelemetry.TraceApiCall")
              .getDeclaredMethod("tracer", ClientOptions.class);
      method.setAccessible(true);
      return method;
    } catch (Throwable e) {
      return null; // Before 3.0 the SDK has no telemetry of its own.
    }
  }

  /** Tells whether this client will make its own span for the call. */
  static boolean tracesItself(ClientOptions options) {
    if (TRACER == null || options == null) {
      return false;
    }
    try {
      return TRACER.invoke(null, options) != null;
    } catch (Throwable e) {
      OnceLogger.failure("asking anthropic-java whether it traces", e);
      return false;
    }
  }

  /** Makes the request's user visible to the SDK span about to start; null when there is none. */
  static Scope offerRequestUser(String rawUser) {
    String user = RequestUser.of(rawUser);
    if (user == null) {
      return null;
    }
    return Context.current().with(REQUEST_USER, user).makeCurrent();
  }

  /** Runs inside the SDK's HTTP call, where its span is current. */
  public static void tagCurrentSpan() {
    String user = Context.current().get(REQUEST_USER);
    if (user != null) {
      Span.current().setAttribute(REQUEST_USER_ATTRIBUTE, user);
    }
  }
}
