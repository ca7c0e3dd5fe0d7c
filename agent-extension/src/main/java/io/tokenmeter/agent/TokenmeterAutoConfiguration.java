/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.tokenmeter.pricing.PriceCatalog;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wires the extension into the agent's SDK: turns the agent's narrower built-in openai-java
 * instrumentation off by default and adds the span processor that attributes and prices GenAI
 * spans.
 */
public final class TokenmeterAutoConfiguration implements AutoConfigurationCustomizerProvider {
  private static final Logger logger =
      Logger.getLogger(TokenmeterAutoConfiguration.class.getName());

  /**
   * Our OpenAI instrumentation replaces it; a user may re-enable it, and ours then stands aside.
   */
  static final String BUILT_IN_OPENAI_ENABLED = "otel.instrumentation.openai-java.enabled";

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addPropertiesCustomizer(TokenmeterAutoConfiguration::defaults);
    customizer.addTracerProviderCustomizer(TokenmeterAutoConfiguration::addSpanProcessor);
  }

  /**
   * Turns the built-in openai-java instrumentation off unless the user set it either way or turned
   * Tokenmeter off: with Tokenmeter off, the agent behaves as if the extension were not there at
   * all. A properties customizer rather than a supplier, because only a customizer sees every
   * source of settings: system properties, environment variables and the agent's configuration
   * file. What a customizer returns overrides them all, hence the check for the user's own value.
   */
  static Map<String, String> defaults(ConfigProperties properties) {
    if (properties.getString(BUILT_IN_OPENAI_ENABLED) != null
        || !TokenmeterConfig.from(properties::getString).enabled()) {
      return Collections.emptyMap();
    }
    return Collections.singletonMap(BUILT_IN_OPENAI_ENABLED, "false");
  }

  private static SdkTracerProviderBuilder addSpanProcessor(
      SdkTracerProviderBuilder builder, ConfigProperties properties) {
    TokenmeterConfig config = TokenmeterConfig.from(properties::getString);
    if (!config.enabled()) {
      return builder;
    }
    PriceCatalog catalog = catalog(config);
    return builder.addSpanProcessor(
        new GenAiSpanProcessor(new AttributionResolver(config), new GenAiSpanRecorder(catalog)));
  }

  static PriceCatalog catalog(TokenmeterConfig config) {
    if (config.pricingFile() == null) {
      return PriceCatalog.bundled();
    }
    try {
      PriceCatalog catalog = PriceCatalog.bundledWithOverrides(Paths.get(config.pricingFile()));
      logger.info(
          "tokenmeter: prices from "
              + config.pricingFile()
              + " override the bundled catalog; "
              + catalog.size()
              + " prices in all");
      return catalog;
    } catch (Exception e) {
      // A bad price file must not stop the application; it is reported loudly and ignored.
      logger.log(
          Level.SEVERE,
          "tokenmeter: cannot use price file "
              + config.pricingFile()
              + ": "
              + e.getMessage()
              + "; using the bundled prices only",
          e);
      return PriceCatalog.bundled();
    }
  }
}
