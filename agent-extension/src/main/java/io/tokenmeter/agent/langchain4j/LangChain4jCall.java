/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.langchain4j;

import io.opentelemetry.context.Context;
import io.tokenmeter.agent.genai.CallNesting;
import io.tokenmeter.agent.genai.LlmCall;
import io.tokenmeter.agent.genai.LlmInstrumenter;
import io.tokenmeter.agent.genai.LlmResult;
import java.time.Instant;

/**
 * A chat call between LangChain4j's {@code onRequest} and its end, on whatever thread that comes.
 */
final class LangChain4jCall {
  private final LlmCall call;
  private final Context parent = Context.current();
  private final Instant start = Instant.now();
  private final CallNesting nesting = CallNesting.open();

  LangChain4jCall(LlmCall call) {
    this.call = call;
  }

  /**
   * Stops counting SDK spans on the caller's thread once the model's {@code chat} returned there: a
   * streamed call goes on elsewhere, and later calls on this thread are not part of it.
   */
  void leftCallerThread() {
    nesting.close();
  }

  /** Records the call's span, unless an SDK layer underneath already made the billed one. */
  void record(LlmInstrumenter instrumenter, LlmResult result, Throwable error) {
    nesting.close();
    if (!nesting.hadInnerSpan()) {
      instrumenter.record(parent, call, result, error, start, Instant.now());
    }
  }
}
