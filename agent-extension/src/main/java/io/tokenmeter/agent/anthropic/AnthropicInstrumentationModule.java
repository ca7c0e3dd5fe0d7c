/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.anthropic;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Instruments anthropic-java Messages calls: a span of ours before 3.0, and on 3.0+ (which traces
 * itself) only the hand-off of the request's user to the SDK's span.
 */
public final class AnthropicInstrumentationModule extends InstrumentationModule {
  public AnthropicInstrumentationModule() {
    super("tokenmeter-anthropic-java", "tokenmeter");
  }

  @Override
  public boolean defaultEnabled(ConfigProperties config) {
    return super.defaultEnabled(config)
        && config.getBoolean("otel.instrumentation.tokenmeter.enabled", true);
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    // Backend appeared in 2.0.0, the oldest version we support.
    return hasClassesNamed(
        "com.anthropic.services.blocking.MessageServiceImpl", "com.anthropic.backends.Backend");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(new MessageInstrumentation(), new SdkHttpClientInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return AnthropicHelpers.CLASS_NAMES;
  }
}
