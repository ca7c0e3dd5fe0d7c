/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.apps;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application using the Spring AI OpenAI and Anthropic starters, run in a child JVM:
 * {@code SpringAiApp <fakeProviderBaseUrl> <scenario>...} (prefixes as in {@link ScenarioDriver}).
 * Compiled against Spring AI 2.0 and run on 1.1 too: it uses only {@code ChatModel}, {@code
 * Prompt}, {@code ChatResponse} and {@code ChatOptions}, which both have with the same signatures;
 * the provider options (whose builders differ) are built by name.
 */
public final class SpringAiApp implements Scenarios {
  static final String OPENAI_MODEL = "gpt-4o-mini";
  static final String ANTHROPIC_MODEL = "claude-sonnet-4-5";
  static final String PROMPT = "Say hello to the integration test.";
  static final String OPENAI_USAGE = "input=1200,cached=200,output=300";
  static final String ANTHROPIC_USAGE = "input=1500,cached=1000,cache_creation=300,output=200";

  /** Every scenario this app knows, in a stable order. */
  public static final List<String> SCENARIOS =
      List.of(
          "openai-call",
          "openai-stream",
          "openai-error",
          "openai-stream-error",
          "anthropic-call",
          "anthropic-stream",
          "anthropic-error",
          "anthropic-stream-error");

  private final ConfigurableApplicationContext spring;
  private final ChatModel openAi;
  private final ChatModel anthropic;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Config {}

  private SpringAiApp(String baseUrl) {
    // Spring AI 2.x runs on openai-java, whose base URL includes the API version; 1.x adds it
    // itself.
    boolean onOpenAiSdk = present("com.openai.client.OpenAIClient");
    SpringApplication app = new SpringApplication(Config.class);
    app.setDefaultProperties(
        Map.of(
            "spring.main.banner-mode", "off",
            "spring.main.web-application-type", "none",
            "logging.level.root", "WARN",
            "spring.ai.openai.base-url", onOpenAiSdk ? baseUrl + "/v1" : baseUrl,
            "spring.ai.openai.api-key", "test",
            "spring.ai.openai.max-retries", "0",
            "spring.ai.anthropic.base-url", baseUrl,
            "spring.ai.anthropic.api-key", "test",
            "spring.ai.anthropic.max-retries", "0",
            "spring.ai.retry.max-attempts", "1"));
    spring = app.run();
    openAi = model("OpenAiChatModel");
    anthropic = model("AnthropicChatModel");
  }

  public static void main(String[] args) throws Exception {
    ScenarioDriver.main(args, new SpringAiApp(args[0]));
    // The SDKs' HTTP clients keep non-daemon threads alive for a minute after the last call.
    System.exit(0);
  }

  @Override
  public String run(String scenario) {
    return switch (scenario) {
      case "openai-call" -> describe(openAi.call(openAiPrompt(OPENAI_USAGE, null)));
      case "openai-stream" -> describeStream(openAi, openAiPrompt(OPENAI_USAGE, null));
      case "openai-error" -> describe(openAi.call(openAiPrompt(null, "429")));
      case "anthropic-call" -> describe(anthropic.call(anthropicPrompt(ANTHROPIC_USAGE, null)));
      case "anthropic-stream" -> describeStream(anthropic, anthropicPrompt(ANTHROPIC_USAGE, null));
      case "anthropic-error" -> describe(anthropic.call(anthropicPrompt(null, "529")));
      case "openai-stream-error" -> describeStream(openAi, openAiPrompt(null, "500"));
      case "anthropic-stream-error" -> describeStream(anthropic, anthropicPrompt(null, "529"));
      default -> null;
    };
  }

  private static Prompt openAiPrompt(String usage, String error) {
    return new Prompt(
        PROMPT,
        options("org.springframework.ai.openai.OpenAiChatOptions", OPENAI_MODEL, usage, error));
  }

  private static Prompt anthropicPrompt(String usage, String error) {
    return new Prompt(
        PROMPT,
        options(
            "org.springframework.ai.anthropic.AnthropicChatOptions",
            ANTHROPIC_MODEL,
            usage,
            error));
  }

  private static String describe(ChatResponse response) {
    ChatResponseMetadata metadata = response.getMetadata();
    return Outcome.of()
        .put("id", metadata.getId())
        .put("model", metadata.getModel())
        .put("content", response.getResult().getOutput().getText())
        .put("usage", usage(metadata.getUsage()))
        .toString();
  }

  private static String describeStream(ChatModel model, Prompt prompt) {
    List<ChatResponse> chunks = model.stream(prompt).collectList().block();
    StringBuilder text = new StringBuilder();
    Usage last = null;
    for (ChatResponse chunk : chunks) {
      if (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null) {
        text.append(chunk.getResult().getOutput().getText());
      }
      Usage usage = chunk.getMetadata().getUsage();
      if (usage != null && usage.getTotalTokens() != null && usage.getTotalTokens() > 0) {
        last = usage;
      }
    }
    return Outcome.of().put("content", text).put("usage", usage(last)).toString();
  }

  private static String usage(Usage usage) {
    return usage == null ? "none" : usage.getPromptTokens() + "/" + usage.getCompletionTokens();
  }

  /**
   * Builds provider options by name: the builders differ between 1.x and 2.x (httpHeaders vs
   * customHeaders), and the fake provider takes the planned usage or error from request headers.
   */
  private static ChatOptions options(String type, String model, String usage, String error) {
    try {
      Object builder = Class.forName(type).getMethod("builder").invoke(null);
      builder = invoke(builder, "model", String.class, model);
      builder = invoke(builder, "maxTokens", Integer.class, 256);
      Map<String, String> headers =
          usage != null ? Map.of("x-fake-usage", usage) : Map.of("x-fake-error", error);
      // 1.x and 2.x Anthropic send httpHeaders per request; 2.x OpenAI has only customHeaders.
      boolean http = hasMethod(builder, "httpHeaders", Map.class);
      builder = invoke(builder, http ? "httpHeaders" : "customHeaders", Map.class, headers);
      builder = invoke(builder, "streamUsage", boolean.class, true); // OpenAI only
      return (ChatOptions) builder.getClass().getMethod("build").invoke(builder);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type, e);
    }
  }

  /** Calls a builder method when the builder has it; returns the builder to go on with. */
  private static Object invoke(Object builder, String name, Class<?> type, Object arg)
      throws ReflectiveOperationException {
    if (!hasMethod(builder, name, type)) {
      return builder;
    }
    Method method = builder.getClass().getMethod(name, type);
    method.setAccessible(true);
    return method.invoke(builder, arg);
  }

  private static boolean hasMethod(Object target, String name, Class<?> type) {
    try {
      target.getClass().getMethod(name, type);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private ChatModel model(String simpleName) {
    return spring.getBeansOfType(ChatModel.class).values().stream()
        .filter(m -> m.getClass().getSimpleName().equals(simpleName))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + simpleName + " bean"));
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, SpringAiApp.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Override
  public Integer statusOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      try {
        Object status = t.getClass().getMethod("statusCode").invoke(t);
        if (status instanceof Integer code) {
          return code;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not an SDK service exception
      }
      String message = t.getMessage();
      java.util.regex.Matcher status =
          java.util.regex.Pattern.compile("^(?:HTTP )?([45]\\d\\d)\\b")
              .matcher(String.valueOf(message));
      if (status.find()) {
        return Integer.parseInt(status.group(1));
      }
    }
    return null;
  }

  @Override
  public void close() {
    spring.close();
  }
}
