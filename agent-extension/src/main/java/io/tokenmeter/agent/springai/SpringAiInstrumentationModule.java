/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.springai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Arrays;
import java.util.List;

/**
 * Instruments Spring AI 1.x and 2.x chat models through the observation context every first-party
 * chat model builds per call (streams and tool rounds included, with or without an observation
 * registry). Billing rule: see {@link SpringAiChat}.
 */
public final class SpringAiInstrumentationModule extends InstrumentationModule {
  public SpringAiInstrumentationModule() {
    super("tokenmeter-spring-ai", "tokenmeter");
  }

  @Override
  public boolean defaultEnabled(ConfigProperties config) {
    return super.defaultEnabled(config)
        && config.getBoolean("otel.instrumentation.tokenmeter.enabled", true);
  }

  @Override
  public net.bytebuddy.matcher.ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    // Present with these names and shapes from 1.0.0 on.
    return hasClassesNamed(
        "org.springframework.ai.chat.observation.ChatModelObservationContext",
        "org.springframework.ai.model.observation.ModelObservationContext");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(
        new ChatObservationContextInstrumentation(),
        new ModelObservationContextInstrumentation(),
        new MessageAggregatorInstrumentation(),
        new ChatModelInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return SpringAiHelpers.CLASS_NAMES;
  }
}
