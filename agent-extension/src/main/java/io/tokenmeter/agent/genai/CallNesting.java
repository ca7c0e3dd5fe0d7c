/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

/**
 * Lets a framework layer (Spring AI) learn whether the call it observes ran through an SDK layer
 * that made a GenAI span of its own, so that exactly one span of the nest carries usage and cost.
 *
 * <p>The framework opens a nesting on the thread where its call starts; SDK layers report into the
 * nesting open on their thread when their span starts (every span made through {@link
 * LlmInstrumenter}, and anthropic-java 3.x's own span). At its end, on whatever thread, the
 * framework asks {@link #hadInnerSpan()}: if an inner span exists, that span is the billed one and
 * the framework records nothing. A thread keeps only its latest nesting, so a nesting whose call
 * never ended is simply replaced.
 */
public final class CallNesting {
  private static final ThreadLocal<CallNesting> OPEN = new ThreadLocal<>();

  private volatile boolean innerSpan;

  private CallNesting() {}

  /** Opens a nesting on this thread for a framework call that starts now. */
  public static CallNesting open() {
    CallNesting nesting = new CallNesting();
    OPEN.set(nesting);
    return nesting;
  }

  /** Reports that an SDK layer is starting a GenAI span on this thread. */
  public static void innerSpanStarting() {
    CallNesting nesting = OPEN.get();
    if (nesting != null) {
      nesting.innerSpan = true;
    }
  }

  /** Closes this nesting; later SDK spans on the opening thread no longer count for it. */
  public void close() {
    if (OPEN.get() == this) {
      OPEN.remove();
    }
  }

  public boolean hadInnerSpan() {
    return innerSpan;
  }
}
