/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenmeterAutoConfigurationTest {
  private static final String BUILT_IN_OPENAI = "otel.instrumentation.openai-java.enabled";

  private final Map<String, String> settings = new HashMap<>();

  private Map<String, String> defaults() {
    return TokenmeterAutoConfiguration.defaults(DefaultConfigProperties.createFromMap(settings));
  }

  @Test
  void turnsTheBuiltInOpenAiInstrumentationOffByDefault() {
    assertThat(defaults()).containsExactly(entry(BUILT_IN_OPENAI, "false"));
  }

  @Test
  void leavesTheBuiltInOpenAiInstrumentationAloneWhenTokenmeterIsOff() {
    settings.put("otel.instrumentation.tokenmeter.enabled", "false");

    assertThat(defaults()).isEmpty();
  }

  @Test
  void leavesTheUsersOwnChoiceForTheBuiltInOpenAiInstrumentationAlone() {
    settings.put(BUILT_IN_OPENAI, "true");
    assertThat(defaults()).isEmpty();

    settings.put(BUILT_IN_OPENAI, "false");
    assertThat(defaults()).isEmpty();
  }

  /** The agent's configuration file reaches the SDK as a properties supplier, like this one. */
  @Test
  void seesTokenmeterTurnedOffInAnySourceOfSettingsThroughTheSdksAutoconfiguration() {
    settings.put("otel.instrumentation.tokenmeter.enabled", "false");

    assertThat(configuredByTheSdk().getString(BUILT_IN_OPENAI)).isNull();
  }

  @Test
  void turnsTheBuiltInOpenAiInstrumentationOffThroughTheSdksAutoconfiguration() {
    assertThat(configuredByTheSdk().getBoolean(BUILT_IN_OPENAI)).isFalse();
  }

  @Test
  void keepsAUserReEnablingTheBuiltInOpenAiInstrumentationThroughTheSdksAutoconfiguration() {
    settings.put(BUILT_IN_OPENAI, "true");

    assertThat(configuredByTheSdk().getBoolean(BUILT_IN_OPENAI)).isTrue();
  }

  /** Returns the settings the SDK ends with, with this extension loaded through its SPI file. */
  private ConfigProperties configuredByTheSdk() {
    Map<String, String> properties = new HashMap<>(settings);
    properties.put("otel.traces.exporter", "none");
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    AtomicReference<ConfigProperties> seen = new AtomicReference<>();
    AutoConfiguredOpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> properties)
            .addTracerProviderCustomizer(
                (builder, config) -> {
                  seen.set(config);
                  return builder;
                })
            .disableShutdownHook()
            .build();
    sdk.getOpenTelemetrySdk().close();
    return seen.get();
  }
}
