/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.apps;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageDeltaUsage;
import com.anthropic.models.messages.Metadata;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Usage;
import java.util.List;

/**
 * A plain application calling anthropic-java, run in a child JVM: {@code AnthropicApp <baseUrl>
 * <scenario>...} (see {@link ScenarioDriver} for prefixes and server mode). Compiled against the
 * newest anthropic-java but uses only API that 2.0.0 has too.
 */
public final class AnthropicApp implements Scenarios {
  static final String MODEL = "claude-sonnet-4-5";
  static final String PROMPT = "Say hello to the integration test.";
  static final String REQUEST_USER = "u-request";

  /** Every scenario this app knows, in a stable order. */
  public static final List<String> SCENARIOS =
      List.of(
          "message", "message-async", "message-stream", "message-cache", "error-429", "error-529");

  private final LazyClient<AnthropicClient> client;
  private final LazyClient<AnthropicClientAsync> asyncClient;

  private AnthropicApp(String baseUrl) {
    client =
        new LazyClient<>(
            () ->
                AnthropicOkHttpClient.builder()
                    .baseUrl(baseUrl)
                    .apiKey("test-key")
                    .maxRetries(0)
                    .build(),
            AnthropicClient::close);
    asyncClient =
        new LazyClient<>(
            () ->
                AnthropicOkHttpClientAsync.builder()
                    .baseUrl(baseUrl)
                    .apiKey("test-key")
                    .maxRetries(0)
                    .build(),
            AnthropicClientAsync::close);
  }

  public static void main(String[] args) throws Exception {
    ScenarioDriver.main(args, new AnthropicApp(args[0]));
  }

  @Override
  public String run(String scenario) throws Exception {
    return switch (scenario) {
      case "message" -> message(params().build());
      case "message-async" -> describe(asyncClient().messages().create(params().build()).get());
      case "message-stream" -> messageStream(params().build());
      case "message-cache" ->
          message(
              params()
                  .putAdditionalHeader(
                      "x-fake-usage", "input=1500,cached=1000,cache_creation=300,output=200")
                  .build());
      case "error-429" -> message(params().putAdditionalHeader("x-fake-error", "429").build());
      case "error-529" -> message(params().putAdditionalHeader("x-fake-error", "529").build());
      default -> null;
    };
  }

  private static MessageCreateParams.Builder params() {
    return MessageCreateParams.builder()
        .model(MODEL)
        .maxTokens(256)
        .addUserMessage(PROMPT)
        .metadata(Metadata.builder().userId(REQUEST_USER).build());
  }

  private String message(MessageCreateParams params) {
    return describe(client().messages().create(params));
  }

  private static String describe(Message message) {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : message.content()) {
      if (block.isText()) {
        text.append(block.asText().text());
      }
    }
    return Outcome.of()
        .put("id", message.id())
        .put("model", message.model().asString())
        .put("stop", message.stopReason().map(r -> r.asString()))
        .put("content", text)
        .put("usage", usage(message.usage()))
        .toString();
  }

  /** input (uncached) / cache read / cache creation / output, as the SDK reports them. */
  private static String usage(Usage u) {
    return u.inputTokens()
        + "/"
        + u.cacheReadInputTokens().orElse(0L)
        + "/"
        + u.cacheCreationInputTokens().orElse(0L)
        + "/"
        + u.outputTokens();
  }

  private String messageStream(MessageCreateParams params) {
    StringBuilder text = new StringBuilder();
    String id = null;
    String startUsage = null;
    long outputTokens = -1;
    int events = 0;
    try (StreamResponse<RawMessageStreamEvent> stream =
        client().messages().createStreaming(params)) {
      for (RawMessageStreamEvent event :
          (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
        events++;
        if (event.isMessageStart()) {
          Message start = event.asMessageStart().message();
          id = start.id();
          startUsage = usage(start.usage());
        } else if (event.isContentBlockDelta() && event.asContentBlockDelta().delta().isText()) {
          text.append(event.asContentBlockDelta().delta().asText().text());
        } else if (event.isMessageDelta()) {
          MessageDeltaUsage delta = event.asMessageDelta().usage();
          outputTokens = delta.outputTokens();
        }
      }
    } catch (RuntimeException e) {
      return streamOutcome(id, events, text, startUsage, outputTokens)
          .exception(e, this)
          .toString();
    }
    return streamOutcome(id, events, text, startUsage, outputTokens).toString();
  }

  private static Outcome streamOutcome(
      String id, int events, CharSequence text, String startUsage, long outputTokens) {
    return Outcome.of()
        .put("id", id)
        .put("events", events)
        .put("content", text)
        .put("start-usage", startUsage)
        .put("output", outputTokens);
  }

  private AnthropicClient client() {
    return client.get();
  }

  private AnthropicClientAsync asyncClient() {
    return asyncClient.get();
  }

  @Override
  public Integer statusOf(Throwable failure) {
    return failure instanceof AnthropicServiceException e ? e.statusCode() : null;
  }

  @Override
  public void close() {
    client.close();
    asyncClient.close();
  }
}
