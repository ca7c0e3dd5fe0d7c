/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Instruments LangChain4j chat models through the listener hook every provider's sync, async and
 * streaming call passes, and names the AI Service (agent) and its memory id (conversation) around
 * them.
 */
public final class LangChain4jInstrumentationModule extends InstrumentationModule {
  public LangChain4jInstrumentationModule() {
    super("tokenmeter-langchain4j", "tokenmeter");
  }

  @Override
  public boolean defaultEnabled(ConfigProperties config) {
    return super.defaultEnabled(config)
        && config.getBoolean("otel.instrumentation.tokenmeter.enabled", true);
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    // The listener hook and ModelProvider exist from 1.0.0, the oldest version we support.
    return hasClassesNamed(
        "dev.langchain4j.model.chat.ChatModelListenerUtils", "dev.langchain4j.model.ModelProvider");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(
        new ChatModelListenerInstrumentation(),
        new StreamingChatModelInstrumentation(),
        new AiServiceInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return LangChain4jHelpers.CLASS_NAMES;
  }
}
