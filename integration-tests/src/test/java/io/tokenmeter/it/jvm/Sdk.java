package io.tokenmeter.it.jvm;

/**
 * Names of the SDK classpaths the tests run on, as set by failsafe from the root pom's version
 * properties (the fallbacks only serve runs from an IDE).
 */
public final class Sdk {
  public static final String OPENAI_OLDEST = name("openai.oldest", "openai-1.1.0");
  public static final String OPENAI_NEWEST = name("openai.newest", "openai-4.101.0");
  public static final String ANTHROPIC_OLDEST = name("anthropic.oldest", "anthropic-2.0.0");
  public static final String ANTHROPIC_NEWEST = name("anthropic.newest", "anthropic-3.12.0");

  private Sdk() {}

  private static String name(String key, String fallback) {
    return System.getProperty("tokenmeter.sdk." + key, fallback);
  }
}
