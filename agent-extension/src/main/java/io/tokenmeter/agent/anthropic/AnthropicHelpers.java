/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.anthropic;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The classes injected next to anthropic-java; a test fails when one in these packages is missing.
 */
final class AnthropicHelpers {
  static final List<String> CLASS_NAMES =
      Collections.unmodifiableList(
          Arrays.asList(
              "io.tokenmeter.agent.OnceLogger",
              "io.tokenmeter.agent.TokenmeterConfig",
              "io.tokenmeter.agent.TokenmeterConfig$Source",
              "io.tokenmeter.agent.UserIdHasher",
              "io.tokenmeter.agent.genai.AsyncStreamObserver",
              "io.tokenmeter.agent.genai.CallNesting",
              "io.tokenmeter.agent.anthropic.AnthropicAsyncStreamResponse",
              "io.tokenmeter.agent.anthropic.AnthropicAsyncStreamResponse$ObservingHandler",
              "io.tokenmeter.agent.genai.ChunkReader",
              "io.tokenmeter.agent.genai.LlmAttributesGetter",
              "io.tokenmeter.agent.genai.LlmCall",
              "io.tokenmeter.agent.genai.LlmDetailsExtractor",
              "io.tokenmeter.agent.genai.LlmInstrumenter",
              "io.tokenmeter.agent.genai.LlmResult",
              "io.tokenmeter.agent.genai.LlmSpan",
              "io.tokenmeter.agent.genai.LlmStreams",
              "io.tokenmeter.agent.genai.ObservingSpliterator",
              "io.tokenmeter.agent.genai.OptionalMethod",
              "io.tokenmeter.agent.genai.OptionalMethod$1",
              "io.tokenmeter.agent.genai.RequestUser",
              "io.tokenmeter.agent.anthropic.AnthropicBaseUrl",
              "io.tokenmeter.agent.anthropic.AnthropicBaseUrl$1",
              "io.tokenmeter.agent.anthropic.AnthropicCall",
              "io.tokenmeter.agent.anthropic.AnthropicMessages",
              "io.tokenmeter.agent.anthropic.AnthropicNativeTelemetry",
              "io.tokenmeter.agent.anthropic.AnthropicStreamResponse",
              "io.tokenmeter.agent.anthropic.AnthropicUsage"));

  private AnthropicHelpers() {}
}
