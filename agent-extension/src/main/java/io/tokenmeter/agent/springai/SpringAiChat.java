/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.springai;

import io.opentelemetry.context.Context;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.CallNesting;
import io.tokenmeter.agent.genai.LlmCall;
import io.tokenmeter.agent.genai.LlmInstrumenter;
import io.tokenmeter.agent.genai.LlmResult;
import io.tokenmeter.agent.genai.OptionalMethod;
import java.lang.reflect.Method;
import java.time.Instant;

/**
 * Spring AI chat calls, observed through {@code ChatModelObservationContext}: built when a call (or
 * a stream, or one tool round) starts, given the response when it ends.
 *
 * <p><b>One billed span per call.</b> Spring AI 2.x runs its OpenAI and Anthropic models on the
 * official SDKs, which already get a GenAI span (ours, or anthropic-java 3.x's own). So the Spring
 * AI layer decides at the end of each call: if an SDK span started inside it ({@link CallNesting}),
 * that span carries usage and cost and this layer records nothing; otherwise (Spring AI 1.x's own
 * HTTP clients, or any model with no instrumented SDK below) it records one CLIENT span from the
 * start of the call to its end, with the usage Spring AI reports. Either way the tokens and cost
 * are recorded once. The span is recorded after the fact because the observation context offers no
 * point at which to close a scope; so HTTP spans of the call are its siblings rather than its
 * children.
 *
 * <p>Spring AI types are Java 17 bytecode and this extension is Java 8, so everything is read
 * through reflection on accessors that exist from 1.0 on (newer ones are optional).
 */
public final class SpringAiChat {
  private static final LlmInstrumenter INSTRUMENTER = LlmInstrumenter.create("spring-ai");
  private static final ThreadLocal<SpringAiCall> PENDING = new ThreadLocal<>();
  private static final Object KEY = SpringAiCall.class;

  private static final OptionalMethod REQUEST = new OptionalMethod("getRequest");
  private static final OptionalMethod OPERATION_METADATA =
      new OptionalMethod("getOperationMetadata");
  private static final OptionalMethod PROVIDER = new OptionalMethod("provider");
  private static final OptionalMethod STREAMING = new OptionalMethod("isStreaming");
  private static final OptionalMethod OPTIONS = new OptionalMethod("getOptions");
  private static final OptionalMethod MODEL = new OptionalMethod("getModel");
  private static final OptionalMethod TEMPERATURE = new OptionalMethod("getTemperature");
  private static final OptionalMethod TOP_P = new OptionalMethod("getTopP");
  private static final OptionalMethod TOP_K = new OptionalMethod("getTopK");
  private static final OptionalMethod MAX_TOKENS = new OptionalMethod("getMaxTokens");

  private SpringAiChat() {}

  /** Runs when a {@code ChatModelObservationContext} has been built. */
  public static void started(Object context) {
    try {
      Object prompt = REQUEST.value(context);
      Object options = OPTIONS.value(prompt);
      LlmCall call =
          new LlmCall(
                  "chat",
                  SpringAiProviders.genAiName(
                      PROVIDER.stringValue(OPERATION_METADATA.value(context))))
              .requestModel(MODEL.stringValue(options))
              .temperature(TEMPERATURE.doubleValue(options))
              .topP(TOP_P.doubleValue(options))
              .topK(TOP_K.doubleValue(options))
              .maxTokens(MAX_TOKENS.longValue(options))
              .streaming(Boolean.TRUE.equals(STREAMING.value(context)));
      SpringAiCall springAiCall =
          new SpringAiCall(call, Context.current(), Instant.now(), CallNesting.open());
      ObservationContextMap.put(context, KEY, springAiCall);
      PENDING.set(springAiCall);
    } catch (Throwable e) {
      OnceLogger.failure("starting a Spring AI chat call", e);
    }
  }

  /** Runs when the model hands the context its response: the end of a call or of a whole stream. */
  public static void responded(Object context, Object response) {
    try {
      Object state = ObservationContextMap.get(context, KEY);
      if (!(state instanceof SpringAiCall)) {
        return; // not a chat context, or built before the agent was ready
      }
      SpringAiCall call = (SpringAiCall) state;
      if (!call.finish() || call.nesting.hadInnerSpan()) {
        return;
      }
      forget(call);
      LlmResult result = new LlmResult();
      SpringAiResponses.read(response, call.call.provider(), call.streamCache, result);
      INSTRUMENTER.record(call.parent, call.call, result, null, call.start, Instant.now());
    } catch (Throwable e) {
      OnceLogger.failure("ending a Spring AI chat call", e);
    }
  }

  static SpringAiCall pendingCall() {
    return PENDING.get();
  }

  /** Returns the call pending on this thread, to tell at the end whether a call started since. */
  public static Object pending() {
    return PENDING.get();
  }

  /** Ends with an error the call that started on this thread after {@code before}, if any. */
  public static void failed(Object before, Throwable error) {
    SpringAiCall call = PENDING.get();
    if (call != null && call != before) {
      failed(call, error);
    }
  }

  /** Ends the call with an error (a failed stream never reaches {@code setResponse}). */
  static void failed(SpringAiCall call, Throwable error) {
    try {
      if (!call.finish()) {
        return;
      }
      forget(call);
      if (call.nesting.hadInnerSpan()) {
        return; // the SDK's span records the error
      }
      LlmResult result = new LlmResult().errorType(SpringAiErrors.type(error));
      INSTRUMENTER.record(call.parent, call.call, result, error, call.start, Instant.now());
    } catch (Throwable e) {
      OnceLogger.failure("ending a failed Spring AI chat call", e);
    }
  }

  private static void forget(SpringAiCall call) {
    if (PENDING.get() == call) {
      PENDING.remove();
    }
  }

  /** Our state rides on the observation context itself ({@code Observation.Context.put/get}). */
  private static final class ObservationContextMap {
    private static volatile Method put;
    private static volatile Method get;

    static void put(Object context, Object key, Object value) throws ReflectiveOperationException {
      Method method = put;
      if (method == null) {
        method = context.getClass().getMethod("put", Object.class, Object.class);
        put = method;
      }
      method.invoke(context, key, value);
    }

    static Object get(Object context, Object key) throws ReflectiveOperationException {
      Method method = get;
      if (method == null) {
        method = context.getClass().getMethod("get", Object.class);
        get = method;
      }
      return method.invoke(context, key);
    }
  }
}
