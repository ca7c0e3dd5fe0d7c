/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Metadata;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real anthropic-java client against the fake Messages endpoint. */
class AnthropicMessagesSdkTest {
  private final FakeLlmProvider provider = FakeLlmProvider.start();
  private final AnthropicClient client =
      AnthropicOkHttpClient.builder()
          .baseUrl(provider.baseUrl())
          .apiKey("test")
          .maxRetries(0)
          .build();

  @AfterEach
  void stop() {
    client.close();
    provider.close();
  }

  @Test
  void reportsUncachedInputAndCacheReadAndCreationSeparately() {
    Message message =
        client
            .messages()
            .create(
                params("claude-3-5-haiku-latest")
                    .putAdditionalHeader(
                        "x-fake-usage", "input=1200,cached=200,cache_creation=300,output=90")
                    .build());

    message.validate();
    assertThat(message.id()).startsWith("msg_01");
    assertThat(message.model().asString()).isEqualTo("claude-3-5-haiku-20241022");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.content().get(0).asText().text()).contains("Plan my trip");
    Usage usage = message.usage();
    assertThat(usage.inputTokens()).isEqualTo(700);
    assertThat(usage.cacheReadInputTokens()).contains(200L);
    assertThat(usage.cacheCreationInputTokens()).contains(300L);
    assertThat(usage.outputTokens()).isEqualTo(90);
  }

  @Test
  void recordsTheMetadataUserIdTheAppSent() throws Exception {
    client.messages().create(params("claude-3-5-haiku-latest").build());

    RecordedRequest request = provider.requests().get(0);
    assertThat(request.path()).isEqualTo("/v1/messages");
    assertThat(request.header("anthropic-version")).isNotBlank();
    JsonNode body = new ObjectMapper().readTree(request.body());
    assertThat(body.at("/metadata/user_id").asText()).isEqualTo("user-42");
  }

  @Test
  void streamAccumulatesUsage() {
    provider.setUsage("claude-sonnet-4", new FakeUsage(5000, 4000, 0, 120, 0));
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<RawMessageStreamEvent> events = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params("claude-sonnet-4-5").build())) {
      stream.stream().peek(events::add).forEach(accumulator::accumulate);
    }

    events.forEach(RawMessageStreamEvent::validate);
    assertThat(events.get(0).isMessageStart()).isTrue();
    assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
    Message message = accumulator.message();
    assertThat(message.content().get(0).asText().text()).contains("Plan my trip");
    assertThat(message.usage().inputTokens()).isEqualTo(1000);
    assertThat(message.usage().cacheReadInputTokens()).contains(4000L);
    assertThat(message.usage().outputTokens()).isEqualTo(120);
  }

  @Test
  void usesTheOfferedTool() {
    Tool tool =
        Tool.builder()
            .name("get_weather")
            .inputSchema(
                Tool.InputSchema.builder()
                    .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .addRequired("city")
                    .build())
            .build();

    Message message = client.messages().create(params("claude-opus-4-1").addTool(tool).build());
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params("claude-opus-4-1").addTool(tool).build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    for (Message answer : List.of(message, accumulator.message())) {
      answer.validate();
      assertThat(answer.stopReason()).contains(StopReason.TOOL_USE);
      ContentBlock toolUse = answer.content().get(1);
      assertThat(toolUse.asToolUse().name()).isEqualTo("get_weather");
      assertThat(toolUse.asToolUse()._input().toString()).contains("city");
    }
  }

  @Test
  void overloadedAndRateLimitedSurfaceWithTheirStatus() {
    provider.failNext(1, 529);
    assertThatThrownBy(() -> client.messages().create(params("claude-3-7-sonnet-latest").build()))
        .isInstanceOfSatisfying(
            AnthropicServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(529);
              assertThat(e.getMessage()).contains("overloaded_error");
            });

    MessageCreateParams limited =
        params("claude-3-7-sonnet-latest").putAdditionalHeader("x-fake-error", "429").build();
    assertThatThrownBy(() -> client.messages().create(limited))
        .isInstanceOfSatisfying(
            RateLimitException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
  }

  @Test
  void cutStreamSurfacesAsAnExceptionInTheApp() {
    MessageCreateParams params =
        params("claude-3-7-sonnet-latest").putAdditionalHeader("x-fake-cut-after", "4").build();
    List<RawMessageStreamEvent> received = new ArrayList<>();

    assertThatThrownBy(
            () -> {
              try (StreamResponse<RawMessageStreamEvent> stream =
                  client.messages().createStreaming(params)) {
                stream.stream().forEach(received::add);
              }
            })
        .isInstanceOf(AnthropicException.class);
    // Four events went out: message_start, content_block_start, ping (the SDK drops it) and one
    // delta.
    assertThat(received).hasSize(3);
    assertThat(received.get(2).isContentBlockDelta()).isTrue();
  }

  private static MessageCreateParams.Builder params(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(256)
        .system("You are a travel agent.")
        .metadata(Metadata.builder().userId("user-42").build())
        .addUserMessage("Plan my trip to Lisbon.");
  }
}
