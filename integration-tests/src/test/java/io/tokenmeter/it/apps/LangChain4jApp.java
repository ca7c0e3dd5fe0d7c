/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.apps;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A plain application calling LangChain4j chat models, run in a child JVM: {@code LangChain4jApp
 * <baseUrl> <scenario>...} (see {@link ScenarioDriver} for prefixes and server mode). Compiled
 * against the newest LangChain4j; the {@code openai-*} scenarios use only API that 1.0.0 has, the
 * {@code anthropic-*} ones only API that 1.2.0 has. The fake provider's usage per model is set by
 * the test.
 */
public final class LangChain4jApp implements Scenarios {
  public static final String OPENAI_MODEL = "gpt-4o-mini";
  public static final String ANTHROPIC_MODEL = "claude-haiku-4-5";
  static final String PROMPT = "Say hello to the integration test.";

  public static final List<String> OPENAI_SCENARIOS =
      List.of(
          "openai-chat", "openai-stream", "openai-usage-1200", "openai-error-429", "openai-agent");
  public static final List<String> ANTHROPIC_SCENARIOS =
      List.of("anthropic-chat", "anthropic-stream", "anthropic-agent");

  /** The AI Service the agent scenarios call: one tool round trip, then the answer. */
  public interface WeatherAssistant {
    String chat(@MemoryId String conversation, @dev.langchain4j.service.UserMessage String message);
  }

  /** The tool the model is offered. */
  public static final class WeatherTools {
    @Tool("Returns the current weather in a city")
    public String weather(String city) {
      return "sunny in " + city;
    }
  }

  private final String baseUrl;

  private LangChain4jApp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static void main(String[] args) throws Exception {
    ScenarioDriver.main(args, new LangChain4jApp(args[0]));
  }

  @Override
  public String run(String scenario) throws Exception {
    return switch (scenario) {
      case "openai-chat" -> describe(openAi(Map.of()).chat(request()));
      case "openai-stream" -> describe(stream(openAiStreaming()));
      case "openai-usage-1200" ->
          describe(
              openAi(Map.of("x-fake-usage", "input=1200,cached=200,output=300")).chat(request()));
      case "openai-error-429" -> describe(openAi(Map.of("x-fake-error", "429")).chat(request()));
      case "openai-agent" -> agent(openAi(Map.of()));
      case "anthropic-chat" -> describe(anthropic().chat(request()));
      case "anthropic-stream" -> describe(stream(anthropicStreaming()));
      case "anthropic-agent" -> agent(anthropic());
      default -> null;
    };
  }

  private static ChatRequest request() {
    return ChatRequest.builder().messages(UserMessage.from(PROMPT)).build();
  }

  private static String agent(ChatModel model) {
    WeatherAssistant assistant =
        AiServices.builder(WeatherAssistant.class)
            .chatModel(model)
            .tools(new WeatherTools())
            .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10))
            .build();
    return Outcome.of()
        .put("answer", assistant.chat("conversation-7", "Weather in Paris?"))
        .toString();
  }

  private static ChatResponse stream(StreamingChatModel model) throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        request(),
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partialResponse) {}

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    return done.get(60, TimeUnit.SECONDS);
  }

  private static String describe(ChatResponse response) {
    TokenUsage usage = response.tokenUsage();
    return Outcome.of()
        .put("id", response.id())
        .put("model", response.modelName())
        .put("finish", response.finishReason())
        .put("content", response.aiMessage().text())
        .put(
            "usage",
            usage == null ? null : usage.inputTokenCount() + "/" + usage.outputTokenCount())
        .toString();
  }

  private ChatModel openAi(Map<String, String> headers) {
    return OpenAiChatModel.builder()
        .baseUrl(baseUrl + "/v1")
        .apiKey("test-key")
        .modelName(OPENAI_MODEL)
        .maxRetries(0)
        .customHeaders(headers)
        .build();
  }

  private StreamingChatModel openAiStreaming() {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(baseUrl + "/v1")
        .apiKey("test-key")
        .modelName(OPENAI_MODEL)
        .build();
  }

  private ChatModel anthropic() {
    return AnthropicChatModel.builder()
        .baseUrl(baseUrl + "/v1")
        .apiKey("test-key")
        .modelName(ANTHROPIC_MODEL)
        .maxRetries(0)
        .build();
  }

  private StreamingChatModel anthropicStreaming() {
    return AnthropicStreamingChatModel.builder()
        .baseUrl(baseUrl + "/v1")
        .apiKey("test-key")
        .modelName(ANTHROPIC_MODEL)
        .build();
  }

  @Override
  public Integer statusOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpException e) {
        return e.statusCode();
      }
    }
    return null;
  }

  @Override
  public void close() {}
}
