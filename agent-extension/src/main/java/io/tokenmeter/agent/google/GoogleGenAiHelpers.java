/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.google;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The classes injected next to the Google GenAI SDK; a test fails when one in these packages is
 * missing.
 */
final class GoogleGenAiHelpers {
  static final List<String> CLASS_NAMES =
      Collections.unmodifiableList(
          Arrays.asList(
              "io.tokenmeter.agent.OnceLogger",
              "io.tokenmeter.agent.TokenmeterConfig",
              "io.tokenmeter.agent.TokenmeterConfig$Source",
              "io.tokenmeter.agent.UserIdHasher",
              "io.tokenmeter.agent.genai.CallNesting",
              "io.tokenmeter.agent.genai.ChunkReader",
              "io.tokenmeter.agent.genai.LlmAttributesGetter",
              "io.tokenmeter.agent.genai.LlmCall",
              "io.tokenmeter.agent.genai.LlmDetailsExtractor",
              "io.tokenmeter.agent.genai.LlmInstrumenter",
              "io.tokenmeter.agent.genai.LlmResult",
              "io.tokenmeter.agent.genai.LlmSpan",
              "io.tokenmeter.agent.genai.LlmStreams",
              "io.tokenmeter.agent.genai.ObservingSpliterator",
              "io.tokenmeter.agent.genai.RequestUser",
              "io.tokenmeter.agent.google.GoogleGenAiCalls",
              "io.tokenmeter.agent.google.GoogleGenAiClient",
              "io.tokenmeter.agent.google.GoogleGenAiClient$1",
              "io.tokenmeter.agent.google.GoogleGenAiClient$2",
              "io.tokenmeter.agent.google.GoogleGenAiStreams",
              "io.tokenmeter.agent.google.GoogleGenAiUsage"));

  private GoogleGenAiHelpers() {}
}
