/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.langchain4j;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The classes injected next to LangChain4j; a test fails when one in these packages is missing. */
final class LangChain4jHelpers {
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
              "io.tokenmeter.agent.langchain4j.AiServiceCall",
              "io.tokenmeter.agent.langchain4j.LangChain4jCall",
              "io.tokenmeter.agent.langchain4j.LangChain4jChat",
              "io.tokenmeter.agent.langchain4j.LangChain4jUsage"));

  private LangChain4jHelpers() {}
}
