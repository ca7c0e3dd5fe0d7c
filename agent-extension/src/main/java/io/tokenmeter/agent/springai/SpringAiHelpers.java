/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.springai;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The classes injected next to Spring AI; a test fails when one in these packages is missing. */
final class SpringAiHelpers {
  static final List<String> CLASS_NAMES =
      Collections.unmodifiableList(
          Arrays.asList(
              "io.tokenmeter.agent.OnceLogger",
              "io.tokenmeter.agent.TokenmeterConfig",
              "io.tokenmeter.agent.TokenmeterConfig$Source",
              "io.tokenmeter.agent.UserIdHasher",
              "io.tokenmeter.agent.genai.CallNesting",
              "io.tokenmeter.agent.genai.LlmAttributesGetter",
              "io.tokenmeter.agent.genai.LlmCall",
              "io.tokenmeter.agent.genai.LlmDetailsExtractor",
              "io.tokenmeter.agent.genai.LlmInstrumenter",
              "io.tokenmeter.agent.genai.LlmResult",
              "io.tokenmeter.agent.genai.LlmSpan",
              "io.tokenmeter.agent.genai.OptionalMethod",
              "io.tokenmeter.agent.genai.OptionalMethod$1",
              "io.tokenmeter.agent.genai.RequestUser",
              "io.tokenmeter.agent.springai.SpringAiCall",
              "io.tokenmeter.agent.springai.SpringAiChat",
              "io.tokenmeter.agent.springai.SpringAiChat$ObservationContextMap",
              "io.tokenmeter.agent.springai.SpringAiErrors",
              "io.tokenmeter.agent.springai.SpringAiProviders",
              "io.tokenmeter.agent.springai.SpringAiResponses",
              "io.tokenmeter.agent.springai.SpringAiResponses$CacheCounts",
              "io.tokenmeter.agent.springai.SpringAiStreams",
              "io.tokenmeter.agent.springai.SpringAiStreams$ChunkObserver",
              "io.tokenmeter.agent.springai.SpringAiStreams$ErrorObserver"));

  private SpringAiHelpers() {}
}
