/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.anthropic;

import io.opentelemetry.context.Scope;
import io.tokenmeter.agent.genai.LlmSpan;

/**
 * What the enter advice hands to the exit advice: our span, or the user hand-off scope, or neither.
 */
public final class AnthropicCall {
  private final LlmSpan span;
  private final Scope userScope;

  AnthropicCall(LlmSpan span, Scope userScope) {
    this.span = span;
    this.userScope = userScope;
  }

  /** Closes what was made current for the synchronous part and returns our span, if any. */
  static LlmSpan leave(AnthropicCall call) {
    if (call == null) {
      return null;
    }
    if (call.userScope != null) {
      call.userScope.close();
    }
    if (call.span != null) {
      call.span.closeScope();
    }
    return call.span;
  }
}
