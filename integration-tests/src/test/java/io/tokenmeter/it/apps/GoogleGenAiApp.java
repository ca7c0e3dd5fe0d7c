/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.apps;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import java.util.List;
import java.util.Map;

/**
 * A plain application calling the Google GenAI SDK (Gemini API), run in a child JVM: {@code
 * GoogleGenAiApp <baseUrl> <scenario>...} (see {@link ScenarioDriver} for prefixes and server
 * mode). Compiled against the newest google-genai but uses only API that 1.0.0 has too. The fake
 * provider's usage per model is set by the test.
 */
public final class GoogleGenAiApp implements Scenarios {
  public static final String MODEL = "gemini-2.5-flash";
  public static final String EMBEDDING_MODEL = "gemini-embedding-001";
  static final String PROMPT = "Say hello to the integration test.";

  public static final List<String> SCENARIOS =
      List.of("generate", "generate-async", "generate-stream", "embed", "error-429");

  private final String baseUrl;

  private GoogleGenAiApp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static void main(String[] args) throws Exception {
    ScenarioDriver.main(args, new GoogleGenAiApp(args[0]));
  }

  @Override
  public String run(String scenario) throws Exception {
    return switch (scenario) {
      case "generate" -> describe(client(Map.of()).models.generateContent(MODEL, PROMPT, null));
      case "generate-async" ->
          describe(client(Map.of()).async.models.generateContent(MODEL, PROMPT, null).get());
      case "generate-stream" -> stream(client(Map.of()));
      case "embed" -> embed(client(Map.of()).models.embedContent(EMBEDDING_MODEL, PROMPT, null));
      case "error-429" ->
          describe(
              client(Map.of("x-fake-error", "429")).models.generateContent(MODEL, PROMPT, null));
      default -> null;
    };
  }

  private Client client(Map<String, String> headers) {
    return Client.builder()
        .apiKey("test-key")
        .httpOptions(HttpOptions.builder().baseUrl(baseUrl).headers(headers).build())
        .build();
  }

  private static String describe(GenerateContentResponse response) {
    return Outcome.of()
        .put("id", response.responseId())
        .put("model", response.modelVersion())
        .put("finish", response.finishReason())
        .put("content", response.text())
        .put("usage", usage(response))
        .toString();
  }

  private static String usage(GenerateContentResponse response) {
    if (response.usageMetadata().isEmpty()) {
      return "none";
    }
    GenerateContentResponseUsageMetadata u = response.usageMetadata().get();
    return u.promptTokenCount().orElse(0)
        + "/"
        + u.cachedContentTokenCount().orElse(0)
        + "/"
        + u.candidatesTokenCount().orElse(0)
        + "/"
        + u.thoughtsTokenCount().orElse(0);
  }

  private static String stream(Client client) {
    StringBuilder text = new StringBuilder();
    GenerateContentResponse last = null;
    int chunks = 0;
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream(MODEL, PROMPT, null)) {
      for (GenerateContentResponse chunk : stream) {
        chunks++;
        text.append(chunk.text());
        last = chunk;
      }
    }
    return Outcome.of()
        .put("id", last == null ? null : last.responseId())
        .put("chunks", chunks)
        .put("content", text)
        .put("usage", last == null ? null : usage(last))
        .toString();
  }

  private static String embed(EmbedContentResponse response) {
    return Outcome.of()
        .put("embeddings", response.embeddings().map(List::size))
        .put("values", response.embeddings().get().get(0).values().map(List::size))
        .toString();
  }

  @Override
  public Integer statusOf(Throwable failure) {
    return failure instanceof ApiException e ? e.code() : null;
  }

  @Override
  public void close() {}
}
