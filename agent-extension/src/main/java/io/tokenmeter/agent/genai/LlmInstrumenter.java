/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiClientMetrics;
import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiSpanNameExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.instrumentation.api.internal.InstrumenterUtil;
import io.tokenmeter.agent.OnceLogger;
import java.time.Instant;

/**
 * One CLIENT span and the semconv GenAI metrics per LLM call, built from the shared semconv blocks,
 * for every SDK we instrument; SDKs differ only in how they fill {@link LlmCall} and {@link
 * LlmResult}.
 */
public final class LlmInstrumenter {
  private final Instrumenter<LlmCall, LlmResult> instrumenter;

  private LlmInstrumenter(Instrumenter<LlmCall, LlmResult> instrumenter) {
    this.instrumenter = instrumenter;
  }

  /**
   * The scope prefix of every instrumenter built here; all of them record the semconv GenAI
   * metrics, so the span processor records none for these scopes.
   */
  public static final String SCOPE_PREFIX = "io.tokenmeter.";

  /** Builds the instrumenter for one SDK, with scope {@code io.tokenmeter.<sdk>}. */
  public static LlmInstrumenter create(String sdk) {
    String instrumentationName = SCOPE_PREFIX + sdk;
    LlmAttributesGetter getter = new LlmAttributesGetter();
    Instrumenter<LlmCall, LlmResult> instrumenter =
        Instrumenter.<LlmCall, LlmResult>builder(
                GlobalOpenTelemetry.get(),
                instrumentationName,
                GenAiSpanNameExtractor.create(getter))
            .addAttributesExtractor(GenAiAttributesExtractor.create(getter))
            .addAttributesExtractor(new LlmDetailsExtractor())
            .addOperationMetrics(GenAiClientMetrics.get())
            .buildInstrumenter(SpanKindExtractor.alwaysClient());
    return new LlmInstrumenter(instrumenter);
  }

  /** Starts the call's span, or returns null when it should not be traced or starting failed. */
  public LlmSpan start(LlmCall call) {
    try {
      Context parent = Context.current();
      if (!instrumenter.shouldStart(parent, call)) {
        return null;
      }
      LlmSpan span = new LlmSpan(this, call, instrumenter.start(parent, call));
      CallNesting.innerSpanStarting();
      return span;
    } catch (Throwable e) {
      OnceLogger.failure("starting a " + call.provider + " span", e);
      return null;
    }
  }

  /**
   * Records a call that already ended as one span with its real start and end, for a layer that
   * learns only at the end whether it is the one to bill (see {@link CallNesting}).
   */
  public void record(
      Context parent, LlmCall call, LlmResult result, Throwable error, Instant start, Instant end) {
    try {
      if (instrumenter.shouldStart(parent, call)) {
        InstrumenterUtil.startAndEnd(instrumenter, parent, call, result, error, start, end);
      }
    } catch (Throwable e) {
      OnceLogger.failure("recording a " + call.provider + " span", e);
    }
  }

  void end(Context context, LlmCall call, LlmResult result, Throwable error) {
    try {
      instrumenter.end(context, call, result, error);
    } catch (Throwable e) {
      OnceLogger.failure("ending a " + call.provider + " span", e);
    }
  }
}
