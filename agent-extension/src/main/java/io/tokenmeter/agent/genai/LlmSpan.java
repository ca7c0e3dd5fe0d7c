/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One started LLM call: its context, the scope made current for the synchronous part, and the
 * result it collects. Ends at most once, whichever of return, error, stream end or close comes
 * first.
 */
public final class LlmSpan {
  private final LlmInstrumenter instrumenter;
  private final LlmCall call;
  private final Context context;
  private final LlmResult result = new LlmResult();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final long startNanos = System.nanoTime();
  private Scope scope;

  LlmSpan(LlmInstrumenter instrumenter, LlmCall call, Context context) {
    this.instrumenter = instrumenter;
    this.call = call;
    this.context = context;
    this.scope = context.makeCurrent();
  }

  public LlmResult result() {
    return result;
  }

  public LlmCall call() {
    return call;
  }

  /**
   * Leaves the synchronous part of the call; the span may still be open for a stream or a future.
   */
  public void closeScope() {
    Scope current = scope;
    scope = null;
    if (current != null) {
      current.close();
    }
  }

  /** Notes the arrival of a streamed chunk; the first one fixes the time to first chunk. */
  public void chunkArrived() {
    if (result.timeToFirstChunkSeconds == null) {
      result.timeToFirstChunkSeconds = (System.nanoTime() - startNanos) / 1e9;
    }
  }

  /** Ends the span with what the result collected so far. */
  public void end(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      instrumenter.end(context, call, result, error);
    }
  }

  public boolean ended() {
    return ended.get();
  }
}
