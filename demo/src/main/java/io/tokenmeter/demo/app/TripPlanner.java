/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.app;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's framework-based feature: a LangChain4j AI Service ("trip planner") with a tool and a
 * chat memory per conversation, on {@code gpt-4.1-mini} through LangChain4j's own OpenAI client
 * (not openai-java). Each question is two model calls: the model asks for the tool, then answers.
 * The agent extension's LangChain4j instrumentation makes one priced span per model call; the
 * conversation ({@code @MemoryId}) is the session when no gateway names one.
 */
final class TripPlanner {
  static final String MODEL = "gpt-4.1-mini";

  /** The AI Service interface LangChain4j implements. */
  interface Planner {
    String plan(@MemoryId String conversation, @UserMessage String question);
  }

  /** The tool the model is offered. */
  static final class Tools {
    @Tool("Returns the weather forecast for a city")
    public String forecast(String city) {
      return "sunny, 24 C in " + city;
    }
  }

  private final Planner planner;

  /** {@code onCall} runs before each model call, {@code onError} after each failed one. */
  TripPlanner(String providerBaseUrl, Runnable onCall, Runnable onError) {
    ChatModelListener counter =
        new ChatModelListener() {
          @Override
          public void onRequest(ChatModelRequestContext context) {
            onCall.run();
          }

          @Override
          public void onError(ChatModelErrorContext context) {
            onError.run();
          }
        };
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(providerBaseUrl + "/v1")
            .apiKey("demo-key-not-a-secret")
            .modelName(MODEL)
            .maxRetries(0)
            // The fake provider's controls: realistic token counts and latency for every call.
            .customHeaders(
                Map.of("x-fake-usage", "input=1800,output=250", "x-fake-latency-ms", "300"))
            .listeners(List.of(counter))
            .build();
    Map<Object, ChatMemory> memories = new ConcurrentHashMap<>();
    this.planner =
        AiServices.builder(Planner.class)
            .chatModel(model)
            .tools(new Tools())
            .chatMemoryProvider(
                id ->
                    memories.computeIfAbsent(id, k -> MessageWindowChatMemory.withMaxMessages(20)))
            .build();
  }

  String plan(String conversation, String question) {
    return planner.plan(conversation, question);
  }
}
