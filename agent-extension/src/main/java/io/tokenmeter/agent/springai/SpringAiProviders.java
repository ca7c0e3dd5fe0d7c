/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.springai;

/** Maps Spring AI's {@code AiProvider} values onto {@code gen_ai.provider.name} values. */
final class SpringAiProviders {
  private SpringAiProviders() {}

  static String genAiName(String springAi) {
    if (springAi == null) {
      return "spring_ai";
    }
    switch (springAi) {
      case "azure_openai":
        return "azure.ai.openai";
      case "bedrock_converse":
        return "aws.bedrock";
      case "vertex_ai":
        return "gcp.vertex_ai";
      case "google_genai":
        return "gcp.gemini";
      default:
        return springAi; // openai, anthropic, ollama, mistral_ai, deepseek, ...: same spelling
    }
  }
}
