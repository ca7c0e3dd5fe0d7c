/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static io.tokenmeter.contract.OtelAttributes.ENDUSER_ID;
import static io.tokenmeter.contract.OtelAttributes.SESSION_ID;
import static io.tokenmeter.contract.OtelAttributes.USER_ID;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.instrumentation.api.incubator.config.internal.DeclarativeConfigUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The extension's settings, {@code otel.instrumentation.tokenmeter.*}, read once: from the agent's
 * configuration (system properties, {@code OTEL_INSTRUMENTATION_TOKENMETER_*} environment
 * variables, the agent's configuration file) where the agent hands it over, else from system
 * properties and environment variables.
 */
public final class TokenmeterConfig {
  static final String PREFIX = "otel.instrumentation.tokenmeter.";

  /** Looks a flat key up, returning null when it is not set. */
  public interface Source {
    String get(String key);
  }

  private final boolean enabled;
  private final String pricingFile;
  private final String userBaggageKey;
  private final String sessionBaggageKey;
  private final List<String> userRootSpanAttributes;
  private final List<String> sessionRootSpanAttributes;
  private final List<String> userMdcKeys;
  private final List<String> sessionMdcKeys;
  private final boolean userFromRequest;
  private final String userHashSalt;
  private final List<String> dimensions;

  private TokenmeterConfig(Source source) {
    enabled = bool(source, "enabled", true);
    pricingFile = text(source, "pricing.file", null);
    userBaggageKey = text(source, "user.baggage-key", USER_ID);
    sessionBaggageKey = text(source, "session.baggage-key", SESSION_ID);
    userRootSpanAttributes =
        list(
            source,
            "user.root-span-attribute",
            USER_ID + "," + ENDUSER_ID + ",http.request.header.x-user-id");
    sessionRootSpanAttributes =
        list(
            source,
            "session.root-span-attribute",
            SESSION_ID + ",http.request.header.x-session-id");
    userMdcKeys = list(source, "user.mdc-key", "");
    sessionMdcKeys = list(source, "session.mdc-key", "");
    userFromRequest = bool(source, "user.from-request", true);
    userHashSalt = text(source, "user.hash-salt", null);
    dimensions = list(source, "dimensions", "");
  }

  /** Reads the settings from the given source. */
  public static TokenmeterConfig from(Source source) {
    return new TokenmeterConfig(source);
  }

  /** Reads the settings from system properties, then environment variables. */
  public static TokenmeterConfig fromSystem() {
    return new TokenmeterConfig(TokenmeterConfig::systemValue);
  }

  /**
   * Reads the settings as the agent resolved them, from every source it reads (its configuration
   * file included), for code that runs in the application's class loader and so never sees the
   * agent's configuration object; falls back to {@link #fromSystem()} where the agent offers none.
   */
  public static TokenmeterConfig fromAgent() {
    DeclarativeConfigProperties root;
    try {
      root =
          DeclarativeConfigUtil.getInstrumentationConfig(GlobalOpenTelemetry.get(), "tokenmeter");
    } catch (RuntimeException | LinkageError noAgentConfig) {
      root = null;
    }
    if (root == null) {
      return fromSystem();
    }
    DeclarativeConfigProperties tokenmeter = root;
    return new TokenmeterConfig(
        key -> {
          String value = agentValue(tokenmeter, key);
          return value != null ? value : systemValue(key);
        });
  }

  /**
   * Looks {@code otel.instrumentation.tokenmeter.a.b-c} up as the node path {@code a} / {@code b_c}
   * (the agent's bridge maps it back to the property, or a declarative file spells it so).
   */
  private static String agentValue(DeclarativeConfigProperties tokenmeter, String key) {
    if (!key.startsWith(PREFIX)) {
      return null;
    }
    String[] path = key.substring(PREFIX.length()).split("\\.");
    DeclarativeConfigProperties node = tokenmeter;
    for (int i = 0; i < path.length - 1 && node != null; i++) {
      node = node.get(path[i].replace('-', '_'));
    }
    return node == null ? null : node.getString(path[path.length - 1].replace('-', '_'));
  }

  static String systemValue(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    return value;
  }

  private static String text(Source source, String key, String defaultValue) {
    String value = source.get(PREFIX + key);
    if (value == null || value.trim().isEmpty()) {
      return defaultValue;
    }
    return value.trim();
  }

  private static boolean bool(Source source, String key, boolean defaultValue) {
    String value = text(source, key, null);
    if (value == null) {
      return defaultValue;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(
        PREFIX + key + " must be true or false, not '" + value + "'");
  }

  private static List<String> list(Source source, String key, String defaultValue) {
    String value = source.get(PREFIX + key);
    if (value == null) {
      value = defaultValue;
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.trim().isEmpty()) {
        items.add(item.trim());
      }
    }
    return Collections.unmodifiableList(items);
  }

  public boolean enabled() {
    return enabled;
  }

  public String pricingFile() {
    return pricingFile;
  }

  public String userBaggageKey() {
    return userBaggageKey;
  }

  public String sessionBaggageKey() {
    return sessionBaggageKey;
  }

  public List<String> userRootSpanAttributes() {
    return userRootSpanAttributes;
  }

  public List<String> sessionRootSpanAttributes() {
    return sessionRootSpanAttributes;
  }

  public List<String> userMdcKeys() {
    return userMdcKeys;
  }

  public List<String> sessionMdcKeys() {
    return sessionMdcKeys;
  }

  public boolean userFromRequest() {
    return userFromRequest;
  }

  public String userHashSalt() {
    return userHashSalt;
  }

  public List<String> dimensions() {
    return dimensions;
  }
}
