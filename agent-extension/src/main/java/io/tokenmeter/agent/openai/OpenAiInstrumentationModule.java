/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.openai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Instruments openai-java 1.1+ chat completions, the Responses API and embeddings where every
 * client, however it was built, passes: the service implementations.
 */
public final class OpenAiInstrumentationModule extends InstrumentationModule {
  public OpenAiInstrumentationModule() {
    super("tokenmeter-openai-java", "tokenmeter");
  }

  @Override
  public boolean defaultEnabled(ConfigProperties config) {
    // When a user re-enables the agent's own openai-java instrumentation, ours steps aside.
    return super.defaultEnabled(config)
        && config.getBoolean("otel.instrumentation.tokenmeter.enabled", true)
        && !config.getBoolean("otel.instrumentation.openai-java.enabled", false);
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    // Present with this signature from 1.1.0 on.
    return hasClassesNamed("com.openai.services.blocking.chat.ChatCompletionServiceImpl");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(
        new ChatCompletionInstrumentation(),
        new ResponseInstrumentation(),
        new EmbeddingInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return OpenAiHelpers.CLASS_NAMES;
  }
}
