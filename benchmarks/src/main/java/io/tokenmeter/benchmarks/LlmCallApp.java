/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Metadata;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.util.List;

/**
 * The small application of the overhead benchmark, run in a child JVM (with or without the agent):
 * {@code LlmCallApp <baseUrl> <warmupCallsPerOperation> <callsPerOperation>}. It makes the three
 * calls in turn, times each one, and prints {@code FIRST_CALL_DONE_EPOCH_MS}, then one {@code
 * LATENCY_NANOS <operation> <n1>,<n2>,...} line per operation.
 */
public final class LlmCallApp {
  static final List<String> OPERATIONS =
      List.of("openai-chat", "openai-chat-stream", "anthropic-message");

  private final OpenAIClient openai;
  private final AnthropicClient anthropic;
  private final ChatCompletionCreateParams chat;
  private final ChatCompletionCreateParams chatStream;
  private final MessageCreateParams message;

  @SuppressWarnings("deprecation") // `user` is what every openai-java version has
  private LlmCallApp(String baseUrl) {
    openai =
        OpenAIOkHttpClient.builder().baseUrl(baseUrl + "/v1").apiKey("bench").maxRetries(0).build();
    anthropic =
        AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey("bench").maxRetries(0).build();
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder()
            .model("gpt-4o-mini")
            .addUserMessage("Summarise the benefits of observability in one sentence.")
            .user("bench-user");
    chat = params.build();
    chatStream =
        params
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    message =
        MessageCreateParams.builder()
            .model("claude-3-5-haiku-20241022")
            .maxTokens(256)
            .addUserMessage("Summarise the benefits of observability in one sentence.")
            .metadata(Metadata.builder().userId("bench-user").build())
            .build();
  }

  public static void main(String[] args) {
    String baseUrl = args[0];
    int warmup = Integer.parseInt(args[1]);
    int calls = Integer.parseInt(args[2]);
    LlmCallApp app = new LlmCallApp(baseUrl);
    long sink = app.call(0);
    System.out.println("FIRST_CALL_DONE_EPOCH_MS " + System.currentTimeMillis());
    for (int i = 0; i < warmup; i++) {
      for (int op = 0; op < OPERATIONS.size(); op++) {
        sink += app.call(op);
      }
    }
    long[][] nanos = new long[OPERATIONS.size()][calls];
    for (int i = 0; i < calls; i++) {
      for (int op = 0; op < OPERATIONS.size(); op++) {
        long start = System.nanoTime();
        sink += app.call(op);
        nanos[op][i] = System.nanoTime() - start;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int op = 0; op < OPERATIONS.size(); op++) {
      out.append("LATENCY_NANOS ").append(OPERATIONS.get(op)).append(' ');
      for (int i = 0; i < calls; i++) {
        out.append(i == 0 ? "" : ",").append(nanos[op][i]);
      }
      out.append('\n');
    }
    out.append("CHECKSUM ").append(sink).append('\n');
    System.out.print(out);
    System.out.flush();
    app.openai.close();
    app.anthropic.close();
  }

  /** Makes one call and returns a number derived from the answer, so no work is optimised away. */
  private long call(int operation) {
    switch (operation) {
      case 0:
        ChatCompletion completion = openai.chat().completions().create(chat);
        return completion.usage().map(u -> u.totalTokens()).orElse(0L);
      case 1:
        long tokens = 0;
        try (StreamResponse<ChatCompletionChunk> stream =
            openai.chat().completions().createStreaming(chatStream)) {
          for (ChatCompletionChunk chunk :
              (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
            tokens += chunk.choices().size();
            if (chunk.usage().isPresent()) {
              tokens += chunk.usage().get().totalTokens();
            }
          }
        }
        return tokens;
      default:
        Message reply = anthropic.messages().create(message);
        return reply.usage().inputTokens() + reply.usage().outputTokens();
    }
  }
}
