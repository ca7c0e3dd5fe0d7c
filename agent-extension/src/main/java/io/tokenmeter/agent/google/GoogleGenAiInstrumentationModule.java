/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.google;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Instruments the Google GenAI SDK ({@code com.google.genai}): one span per HTTP round trip of
 * generateContent (function-calling rounds included), its streaming twin and embedContent, sync and
 * async, for the Gemini API and Vertex AI.
 */
public final class GoogleGenAiInstrumentationModule extends InstrumentationModule {
  public GoogleGenAiInstrumentationModule() {
    super("tokenmeter-google-genai", "tokenmeter");
  }

  @Override
  public boolean defaultEnabled(ConfigProperties config) {
    return super.defaultEnabled(config)
        && config.getBoolean("otel.instrumentation.tokenmeter.enabled", true);
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    // Both exist from 1.0.0, the oldest version we support.
    return hasClassesNamed("com.google.genai.Models", "com.google.genai.ResponseStream");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(
        new ModelsInstrumentation(),
        new AsyncModelsInstrumentation(),
        new ResponseStreamInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return GoogleGenAiHelpers.CLASS_NAMES;
  }
}
