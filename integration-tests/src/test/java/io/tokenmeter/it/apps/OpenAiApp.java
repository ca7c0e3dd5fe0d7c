/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponsesModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import java.util.List;
import java.util.Optional;

/**
 * A plain application calling openai-java, run in a child JVM: {@code OpenAiApp <baseUrl>
 * <scenario>...} (see {@link ScenarioDriver} for prefixes and server mode). Compiled against the
 * newest openai-java but uses only API that 1.1.0 has too.
 */
public final class OpenAiApp implements Scenarios {
  static final String CHAT_MODEL = "gpt-4o-mini";
  static final String EMBEDDING_MODEL = "text-embedding-3-small";
  static final String PROMPT = "Say hello to the integration test.";
  static final String REQUEST_USER = "u-request";

  /** Every scenario this app knows, in a stable order. */
  public static final List<String> SCENARIOS =
      List.of(
          "chat",
          "chat-async",
          "chat-stream",
          "chat-stream-usage",
          "responses",
          "responses-stream",
          "embeddings",
          "error-429",
          "error-500",
          "cut-stream",
          "chat-usage-1200");

  private final LazyClient<OpenAIClient> client;
  private final LazyClient<OpenAIClientAsync> asyncClient;

  private OpenAiApp(String baseUrl) {
    String v1 = baseUrl + "/v1";
    client =
        new LazyClient<>(
            () -> OpenAIOkHttpClient.builder().baseUrl(v1).apiKey("test-key").maxRetries(0).build(),
            OpenAIClient::close);
    asyncClient =
        new LazyClient<>(
            () ->
                OpenAIOkHttpClientAsync.builder()
                    .baseUrl(v1)
                    .apiKey("test-key")
                    .maxRetries(0)
                    .build(),
            OpenAIClientAsync::close);
  }

  public static void main(String[] args) throws Exception {
    ScenarioDriver.main(args, new OpenAiApp(args[0]));
  }

  @Override
  public String run(String scenario) throws Exception {
    return switch (scenario) {
      case "chat" -> chat(chatParams().build());
      case "chat-async" -> chatAsync(chatParams().build());
      case "chat-stream" -> chatStream(chatParams().build());
      case "chat-stream-usage" ->
          chatStream(
              chatParams()
                  .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                  .build());
      case "responses" -> responses(responseParams());
      case "responses-stream" -> responsesStream(responseParams());
      case "embeddings" -> embeddings();
      case "error-429" -> chat(chatParams().putAdditionalHeader("x-fake-error", "429").build());
      case "error-500" -> chat(chatParams().putAdditionalHeader("x-fake-error", "500").build());
      case "cut-stream" ->
          chatStream(chatParams().putAdditionalHeader("x-fake-cut-after", "2").build());
      case "chat-unpriced" -> chat(chatParams().model("acme-chat-1").build());
      case "chat-usage-1200" ->
          chat(
              chatParams()
                  .putAdditionalHeader("x-fake-usage", "input=1200,cached=200,output=300")
                  .build());
      default -> null;
    };
  }

  @SuppressWarnings(
      "deprecation") // user is deprecated in 4.x (safety_identifier), but it is the field 1.1.0 has
  private static ChatCompletionCreateParams.Builder chatParams() {
    return ChatCompletionCreateParams.builder()
        .model(CHAT_MODEL)
        .addUserMessage(PROMPT)
        .user(REQUEST_USER);
  }

  private static ResponseCreateParams responseParams() {
    return ResponseCreateParams.builder().model(CHAT_MODEL).input(PROMPT).build();
  }

  private String chat(ChatCompletionCreateParams params) {
    return describe(client().chat().completions().create(params));
  }

  private String chatAsync(ChatCompletionCreateParams params) throws Exception {
    return describe(asyncClient().chat().completions().create(params).get());
  }

  private static String describe(ChatCompletion completion) {
    ChatCompletion.Choice choice = completion.choices().get(0);
    return Outcome.of()
        .put("id", completion.id())
        .put("model", completion.model())
        .put("finish", choice.finishReason().asString())
        .put("content", choice.message().content())
        .put("usage", completion.usage().map(OpenAiApp::usage))
        .toString();
  }

  private String chatStream(ChatCompletionCreateParams params) {
    StringBuilder content = new StringBuilder();
    String id = null;
    int chunks = 0;
    Optional<CompletionUsage> usage = Optional.empty();
    try (StreamResponse<ChatCompletionChunk> stream =
        client().chat().completions().createStreaming(params)) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        chunks++;
        id = chunk.id();
        chunk.choices().forEach(c -> c.delta().content().ifPresent(content::append));
        if (chunk.usage().isPresent()) {
          usage = chunk.usage();
        }
      }
    } catch (RuntimeException e) {
      return streamOutcome(id, chunks, content, usage).exception(e, this).toString();
    }
    return streamOutcome(id, chunks, content, usage).toString();
  }

  private static Outcome streamOutcome(
      String id, int chunks, CharSequence content, Optional<CompletionUsage> usage) {
    return Outcome.of()
        .put("id", id)
        .put("chunks", chunks)
        .put("content", content)
        .put("usage", usage.map(OpenAiApp::usage));
  }

  private static String usage(CompletionUsage u) {
    long cached = u.promptTokensDetails().flatMap(d -> d.cachedTokens()).orElse(0L);
    long reasoning = u.completionTokensDetails().flatMap(d -> d.reasoningTokens()).orElse(0L);
    return u.promptTokens() + "/" + cached + "/" + u.completionTokens() + "/" + reasoning;
  }

  private String responses(ResponseCreateParams params) {
    Response response = client().responses().create(params);
    return describe(response, outputText(response));
  }

  private String responsesStream(ResponseCreateParams params) {
    StringBuilder deltas = new StringBuilder();
    Response completed = null;
    int events = 0;
    try (StreamResponse<ResponseStreamEvent> stream =
        client().responses().createStreaming(params)) {
      for (ResponseStreamEvent event : (Iterable<ResponseStreamEvent>) stream.stream()::iterator) {
        events++;
        if (event.isOutputTextDelta()) {
          deltas.append(event.asOutputTextDelta().delta());
        } else if (event.isCompleted()) {
          completed = event.asCompleted().response();
        }
      }
    } catch (RuntimeException e) {
      return Outcome.of()
          .put("events", events)
          .put("content", deltas)
          .exception(e, this)
          .toString();
    }
    return completed == null
        ? Outcome.of()
            .put("events", events)
            .put("content", deltas)
            .put("completed", false)
            .toString()
        : "events=" + events + " " + describe(completed, deltas.toString());
  }

  private static String describe(Response response, String text) {
    return Outcome.of()
        .put("id", response.id())
        .put("model", modelName(response.model()))
        .put("content", text)
        .put("usage", response.usage().map(OpenAiApp::usage))
        .toString();
  }

  /** The model is a union (free string, known chat model or responses-only model). */
  private static String modelName(ResponsesModel model) {
    if (model.isChat()) {
      return model.asChat().asString();
    }
    if (model.isOnly()) {
      return model.asOnly().asString();
    }
    return model.string().orElse("?");
  }

  private static String outputText(Response response) {
    StringBuilder text = new StringBuilder();
    for (ResponseOutputItem item : response.output()) {
      if (item.isMessage()) {
        for (ResponseOutputMessage.Content c : item.asMessage().content()) {
          if (c.isOutputText()) {
            text.append(c.asOutputText().text());
          }
        }
      }
    }
    return text.toString();
  }

  private static String usage(ResponseUsage u) {
    return u.inputTokens()
        + "/"
        + u.inputTokensDetails().cachedTokens()
        + "/"
        + u.outputTokens()
        + "/"
        + u.outputTokensDetails().reasoningTokens();
  }

  private String embeddings() {
    CreateEmbeddingResponse response =
        client()
            .embeddings()
            .create(EmbeddingCreateParams.builder().model(EMBEDDING_MODEL).input(PROMPT).build());
    // List<Double> in 1.x, List<Float> in 4.x: read it as numbers only.
    List<? extends Number> vector = response.data().get(0).embedding();
    return Outcome.of()
        .put("model", response.model())
        .put("vectors", response.data().size())
        .put("dimensions", vector.size())
        .put("usage", response.usage().promptTokens() + "/" + response.usage().totalTokens())
        .toString();
  }

  private OpenAIClient client() {
    return client.get();
  }

  private OpenAIClientAsync asyncClient() {
    return asyncClient.get();
  }

  @Override
  public Integer statusOf(Throwable failure) {
    return failure instanceof OpenAIServiceException e ? e.statusCode() : null;
  }

  @Override
  public void close() {
    client.close();
    asyncClient.close();
  }
}
