/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real openai-java client against the fake Responses and Embeddings endpoints. */
class OpenAiResponsesAndEmbeddingsSdkTest {
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
  void responseReportsCachedAndReasoningTokens() {
    provider.setUsage("gpt-5", new FakeUsage(2000, 1500, 0, 400, 250));

    Response response = client.responses().create(params("gpt-5-mini").build());

    response.validate();
    assertThat(response.id()).startsWith("resp_");
    assertThat(response.status()).contains(ResponseStatus.COMPLETED);
    assertThat(response.model().asChat().asString()).isEqualTo("gpt-5-mini");
    assertThat(outputText(response)).contains("Summarise my bill");
    ResponseUsage usage = response.usage().orElseThrow();
    assertThat(usage.inputTokens()).isEqualTo(2000);
    assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(1500);
    assertThat(usage.outputTokens()).isEqualTo(400);
    assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(250);
    assertThat(usage.totalTokens()).isEqualTo(2400);
  }

  @Test
  void streamReportsUsageInResponseCompleted() {
    ResponseAccumulator accumulator = ResponseAccumulator.create();
    List<ResponseStreamEvent> events = new ArrayList<>();
    ResponseCreateParams params =
        params("o4-mini").putAdditionalHeader("x-fake-usage", "input=700,cached=300").build();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
      stream.stream().peek(events::add).forEach(accumulator::accumulate);
    }

    events.forEach(ResponseStreamEvent::validate);
    assertThat(events.get(0).isCreated()).isTrue();
    assertThat(events).filteredOn(ResponseStreamEvent::isOutputTextDelta).hasSizeGreaterThan(3);
    ResponseStreamEvent last = events.get(events.size() - 1);
    assertThat(last.isCompleted()).isTrue();
    ResponseUsage usage = last.asCompleted().response().usage().orElseThrow();
    assertThat(usage.inputTokens()).isEqualTo(700);
    assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(300);
    assertThat(usage.outputTokens()).isEqualTo(24);
    assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(16);
    Response accumulated = accumulator.response();
    assertThat(outputText(accumulated)).contains("Summarise my bill");
    assertThat(accumulated.usage().orElseThrow().inputTokens()).isEqualTo(700);
  }

  @Test
  void embeddingsDecodeFromDefaultBase64AndFromFloats() {
    EmbeddingCreateParams.Builder params =
        EmbeddingCreateParams.builder()
            .model("text-embedding-3-small")
            .inputOfArrayOfStrings(List.of("first text", "second text"));

    CreateEmbeddingResponse base64 = client.embeddings().create(params.build());
    CreateEmbeddingResponse floats =
        client
            .embeddings()
            .create(params.encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

    base64.validate();
    assertThat(provider.requests().get(0).body()).contains("\"encoding_format\":\"base64\"");
    assertThat(base64.data()).hasSize(2);
    assertThat(base64.data().get(1).index()).isEqualTo(1);
    assertThat(base64.data().get(0).embedding()).hasSize(8);
    assertThat(base64.data().get(0).embedding()).isEqualTo(floats.data().get(0).embedding());
    assertThat(base64.data().get(0).embedding()).isNotEqualTo(base64.data().get(1).embedding());
    long expectedInput = 10 + ("first text".length() + "second text".length()) / 4;
    assertThat(base64.usage().promptTokens()).isEqualTo(expectedInput);
    assertThat(base64.usage().totalTokens()).isEqualTo(expectedInput);
  }

  private static String outputText(Response response) {
    return response.output().stream()
        .filter(ResponseOutputItem::isMessage)
        .flatMap(item -> item.asMessage().content().stream())
        .filter(ResponseOutputMessage.Content::isOutputText)
        .map(content -> content.asOutputText().text())
        .collect(Collectors.joining());
  }

  private static ResponseCreateParams.Builder params(String model) {
    return ResponseCreateParams.builder()
        .model(model)
        .instructions("Answer in one line.")
        .input("Summarise my bill for November.");
  }
}
