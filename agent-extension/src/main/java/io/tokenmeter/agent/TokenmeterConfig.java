package io.tokenmeter.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The extension's settings, read once from {@code otel.instrumentation.tokenmeter.*} system properties
 * or the matching {@code OTEL_INSTRUMENTATION_TOKENMETER_*} environment variables.
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
    userBaggageKey = text(source, "user.baggage-key", "user.id");
    sessionBaggageKey = text(source, "session.baggage-key", "session.id");
    userRootSpanAttributes =
        list(source, "user.root-span-attribute", "user.id,enduser.id,http.request.header.x-user-id");
    sessionRootSpanAttributes =
        list(source, "session.root-span-attribute", "session.id,http.request.header.x-session-id");
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
