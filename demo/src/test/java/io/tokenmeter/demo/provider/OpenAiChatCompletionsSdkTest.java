/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real openai-java client against the fake Chat Completions endpoint. */
class OpenAiChatCompletionsSdkTest {
  private final FakeLlmProvider provider = FakeLlmProvider.start();
  private final OpenAIClient client =
      OpenAIOkHttpClient.builder()
          .baseUrl(provider.baseUrl() + "/v1")
          .apiKey("test")
          .maxRetries(0)
          .build();

  @AfterEach
  void stop() {
    client.close();
    provider.close();
  }

  @Test
  void reportsCachedAndReasoningTokensThroughSdkGetters() {
    ChatCompletion completion =
        client
            .chat()
            .completions()
            .create(
                params("o3")
                    .putAdditionalHeader(
                        "x-fake-usage", "input=1200,cached=200,output=300,reasoning=120")
                    .build());

    completion.validate();
    assertThat(completion.model()).isEqualTo("o3-2025-04-16");
    assertThat(completion.id()).startsWith("chatcmpl-");
    assertThat(completion.choices().get(0).message().content())
        .hasValueSatisfying(text -> assertThat(text).contains("What does a token cost?"));
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(1200);
    assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(200L);
    assertThat(usage.completionTokens()).isEqualTo(300);
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(120L);
    assertThat(usage.totalTokens()).isEqualTo(1500);
  }

  @Test
  void defaultUsageIsDeterministic() {
    ChatCompletion completion = client.chat().completions().create(params("gpt-4o-mini").build());

    assertThat(completion.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    CompletionUsage usage = completion.usage().orElseThrow();
    long promptChars = "You are terse.".length() + "What does a token cost?".length();
    assertThat(usage.promptTokens()).isEqualTo(10 + promptChars / 4);
    assertThat(usage.completionTokens()).isEqualTo(24);
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(0L);
  }

  @Test
  void recordsTheUserTheAppSent() throws Exception {
    client.chat().completions().create(params("gpt-4o").user("alice").build());

    RecordedRequest request = provider.requests().get(0);
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("authorization")).isEqualTo("Bearer test");
    assertThat(new ObjectMapper().readTree(request.body()).path("user").asText())
        .isEqualTo("alice");
  }

  @Test
  void honorsN() {
    ChatCompletion completion = client.chat().completions().create(params("gpt-4o").n(3).build());

    assertThat(completion.choices())
        .extracting(ChatCompletion.Choice::index)
        .containsExactly(0L, 1L, 2L);
  }

  @Test
  void callsTheOfferedTool() {
    FunctionParameters parameters =
        FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty(
                "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build();
    ChatCompletionFunctionTool tool =
        ChatCompletionFunctionTool.builder()
            .function(
                FunctionDefinition.builder().name("get_weather").parameters(parameters).build())
            .build();

    ChatCompletion completion =
        client.chat().completions().create(params("gpt-4.1").addTool(tool).build());

    completion.validate();
    ChatCompletion.Choice choice = completion.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    var call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"example\"}");
  }

  @Test
  void streamsUsageOnlyWhenIncludeUsageIsSet() {
    ChatCompletionAccumulator withUsage = ChatCompletionAccumulator.create();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    ChatCompletionCreateParams params =
        params("gpt-4o-mini")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .putAdditionalHeader("x-fake-usage", "input=900,cached=100,output=40")
            .build();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream().peek(chunks::add).forEach(withUsage::accumulate);
    }

    ChatCompletion accumulated = withUsage.chatCompletion();
    assertThat(chunks.size()).isGreaterThan(4);
    assertThat(chunks.get(chunks.size() - 1).choices()).isEmpty();
    assertThat(accumulated.choices().get(0).message().content().orElseThrow())
        .contains("What does a token cost?");
    CompletionUsage usage = accumulated.usage().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(900);
    assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(100L);
    assertThat(usage.completionTokens()).isEqualTo(40);

    ChatCompletionAccumulator withoutUsage = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params("gpt-4o-mini").build())) {
      stream.stream()
          .peek(chunk -> assertThat(chunk.usage()).isEmpty())
          .forEach(withoutUsage::accumulate);
    }
    assertThat(withoutUsage.chatCompletion().usage()).isEmpty();
    assertThat(withoutUsage.chatCompletion().choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
  }

  @Test
  void rateLimitSurfacesAsRateLimitException() {
    provider.failNext(1, 429);

    assertThatThrownBy(() -> client.chat().completions().create(params("gpt-4o").build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.headers().values("retry-after")).containsExactly("0");
            });
    assertThat(client.chat().completions().create(params("gpt-4o").build()).choices()).hasSize(1);
  }

  @Test
  void cutStreamSurfacesAsAnExceptionInTheApp() {
    ChatCompletionCreateParams params =
        params("gpt-4o").putAdditionalHeader("x-fake-cut-after", "3").build();
    List<ChatCompletionChunk> received = new ArrayList<>();

    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> stream =
                  client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(received::add);
              }
            })
        .isInstanceOf(OpenAIException.class);
    assertThat(received).hasSize(3);
  }

  private static ChatCompletionCreateParams.Builder params(String model) {
    return ChatCompletionCreateParams.builder()
        .model(model)
        .addSystemMessage("You are terse.")
        .addUserMessage("What does a token cost?");
  }
}
