/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
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
  public static final String SPRING_AI_OLDEST = name("spring-ai.oldest", "spring-ai-1.1.2");
  public static final String SPRING_AI_NEWEST = name("spring-ai.newest", "spring-ai-2.0.0");

  /**
   * LangChain4j with its OpenAI module only (its Anthropic module of that version is not served).
   */
  public static final String LANGCHAIN4J_OLDEST = name("langchain4j.oldest", "langchain4j-1.0.0");

  /** The oldest LangChain4j with an Anthropic module we can test. */
  public static final String LANGCHAIN4J_ANTHROPIC_OLDEST =
      name("langchain4j.anthropic-oldest", "langchain4j-1.2.0");

  public static final String LANGCHAIN4J_NEWEST = name("langchain4j.newest", "langchain4j-1.19.0");
  public static final String GOOGLE_GENAI_OLDEST =
      name("google-genai.oldest", "google-genai-1.0.0");
  public static final String GOOGLE_GENAI_NEWEST =
      name("google-genai.newest", "google-genai-2.0.0");
  public static final String BEDROCKRUNTIME = name("bedrockruntime", "bedrockruntime-2.40.2");

  private Sdk() {}

  private static String name(String key, String fallback) {
    return System.getProperty("tokenmeter.sdk." + key, fallback);
  }
}
