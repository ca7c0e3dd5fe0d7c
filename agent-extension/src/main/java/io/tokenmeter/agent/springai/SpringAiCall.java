/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.springai;

import io.opentelemetry.context.Context;
import io.tokenmeter.agent.genai.CallNesting;
import io.tokenmeter.agent.genai.LlmCall;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Spring AI chat call between its observation context being built and its response (or error):
 * what the request said, where and when it started, and whether an SDK span happened inside it.
 */
final class SpringAiCall {
  final LlmCall call;
  final Context parent;
  final Instant start;
  final CallNesting nesting;

  /** Cache counts seen on a stream's chunks (Spring AI's aggregate drops them). */
  final SpringAiResponses.CacheCounts streamCache = new SpringAiResponses.CacheCounts();

  private final AtomicBoolean finished = new AtomicBoolean();

  SpringAiCall(LlmCall call, Context parent, Instant start, CallNesting nesting) {
    this.call = call;
    this.parent = parent;
    this.start = start;
    this.nesting = nesting;
  }

  /** Returns true exactly once: for the first of response and error. */
  boolean finish() {
    if (!finished.compareAndSet(false, true)) {
      return false;
    }
    nesting.close();
    return true;
  }

  boolean finished() {
    return finished.get();
  }

  @Override
  public String toString() {
    // The observation context's map (and so this) can show up in observation handlers' logs.
    return "tokenmeter-call";
  }
}
