/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider's own controls and wire format, over plain HTTP. */
class FakeLlmProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT =
      "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]%s}";

  private final FakeLlmProvider provider = FakeLlmProvider.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void longestConfiguredPrefixWinsAndHeaderOverridesIt() throws Exception {
    provider.setUsage("gpt-4o", FakeUsage.of(100, 10));
    provider.setUsage("gpt-4o-mini", new FakeUsage(200, 50, 0, 20, 0));

    JsonNode mini = post("/v1/chat/completions", chat("gpt-4o-mini-2024-07-18", "")).json();
    JsonNode full = post("/v1/chat/completions", chat("gpt-4o", "")).json();
    JsonNode header =
        post("/v1/chat/completions", chat("gpt-4o-mini", ""), "x-fake-usage", "output=7").json();

    assertThat(mini.at("/usage/prompt_tokens").asLong()).isEqualTo(200);
    assertThat(mini.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(50);
    assertThat(full.at("/usage/prompt_tokens").asLong()).isEqualTo(100);
    assertThat(header.at("/usage/prompt_tokens").asLong()).isEqualTo(200);
    assertThat(header.at("/usage/completion_tokens").asLong()).isEqualTo(7);
  }

  @Test
  void defaultUsageCountsPromptCharactersAndReasoningForReasoningModels() throws Exception {
    String prompt = "x".repeat(400);

    JsonNode plain = post("/v1/chat/completions", chat("gpt-4.1-nano", prompt)).json();
    JsonNode reasoning = post("/v1/chat/completions", chat("gpt-5-nano", prompt)).json();

    assertThat(plain.at("/usage/prompt_tokens").asLong()).isEqualTo(110);
    assertThat(plain.at("/usage/completion_tokens").asLong()).isEqualTo(24);
    assertThat(plain.at("/usage/completion_tokens_details/reasoning_tokens").asLong()).isZero();
    assertThat(reasoning.at("/usage/completion_tokens").asLong()).isEqualTo(24);
    assertThat(reasoning.at("/usage/completion_tokens_details/reasoning_tokens").asLong())
        .isEqualTo(16);
  }

  @Test
  void errorHeaderWinsOverFailNextWithoutConsumingIt() throws Exception {
    provider.failNext(1, 500);

    Reply injected = post("/v1/messages", anthropic(), "x-fake-error", "529");
    Reply queued = post("/v1/messages", anthropic());
    Reply normal = post("/v1/messages", anthropic());

    assertThat(injected.status()).isEqualTo(529);
    assertThat(injected.json().at("/type").asText()).isEqualTo("error");
    assertThat(injected.json().at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(injected.json().at("/request_id").asText()).startsWith("req_");
    assertThat(queued.status()).isEqualTo(500);
    assertThat(queued.json().at("/error/type").asText()).isEqualTo("api_error");
    assertThat(normal.status()).isEqualTo(200);
  }

  @Test
  void rateLimitErrorsCarryRetryAfterAndOpenAiShape() throws Exception {
    Reply reply = post("/v1/chat/completions", chat("gpt-4o", "hi"), "x-fake-error", "429");

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.response().headers().firstValue("retry-after")).contains("0");
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("rate_limit_error");
    assertThat(reply.json().at("/error/param").isNull()).isTrue();
  }

  @Test
  void answersBadInputWithProviderShapedErrors() throws Exception {
    Reply openAi = post("/v1/chat/completions", "{not json");
    Reply anthropic = post("/v1/messages", "[1,2]");
    Reply unknown = post("/v2/nothing", "{}");
    Reply missingModel = post("/v1/embeddings", "{\"input\":\"hi\"}");
    Reply badUsage = post("/v1/chat/completions", chat("gpt-4o", ""), "x-fake-usage", "input=x");
    HttpResponse<String> get =
        http.send(request("/v1/responses").GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(openAi.status()).isEqualTo(400);
    assertThat(openAi.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(anthropic.status()).isEqualTo(400);
    assertThat(anthropic.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().at("/error/message").asText()).contains("/v2/nothing");
    assertThat(missingModel.status()).isEqualTo(400);
    assertThat(badUsage.status()).isEqualTo(400);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(post("/v1/chat/completions", chat("gpt-4o", "still fine")).status()).isEqualTo(200);
  }

  @Test
  void answersOddButWellFormedInputWithoutServerErrors() throws Exception {
    List<String> bodies =
        List.of(
            "{}",
            "null",
            "\"text\"",
            "{\"model\":1,\"messages\":{}}",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[1,null,{\"content\":7}]}",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\"}],"
                + "\"n\":\"x\",\"tools\":[1],\"tool_choice\":{},\"stream\":\"yes\"}",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"image\"}]}],\"tools\":[{\"function\":{\"parameters\":[]}}],"
                + "\"input\":[[1,2],[3]],\"stream\":true,\"stream_options\":{\"include_usage\":1}}",
            "{\"model\":\"m\",\"input\":{\"role\":\"user\"},\"instructions\":[],\"n\":1e9}");
    for (String path :
        List.of("/v1/chat/completions", "/v1/responses", "/v1/embeddings", "/v1/messages")) {
      for (String body : bodies) {
        Reply reply = post(path, body);
        assertThat(reply.status()).as(path + " " + body).isIn(200, 400);
        assertThat(reply.body()).as(path + " " + body).isNotEmpty();
      }
    }
  }

  @Test
  void chatStreamWithoutIncludeUsageHasNoUsageAnywhere() throws Exception {
    String body = post("/v1/chat/completions", chat("gpt-4o", "hi", ",\"stream\":true")).body();

    assertThat(body).doesNotContain("usage").endsWith("data: [DONE]\n\n");
    assertThat(body.lines().filter(line -> !line.isEmpty())).allMatch(l -> l.startsWith("data: "));
  }

  @Test
  void latencyHeaderDelaysTheResponse() throws Exception {
    long start = System.nanoTime();
    post("/v1/chat/completions", chat("gpt-4o", "hi"), "x-fake-latency-ms", "300");

    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void recordsWhatWasReceived() throws Exception {
    post("/v1/chat/completions", chat("gpt-4o", "hi", ",\"user\":\"alice\""), "X-Trace", "t1");

    RecordedRequest recorded = provider.requests().get(0);
    assertThat(recorded.method()).isEqualTo("POST");
    assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
    assertThat(recorded.header("x-trace")).isEqualTo("t1");
    assertThat(recorded.headers()).containsKey("x-trace");
    assertThat(JSON.readTree(recorded.body()).path("user").asText()).isEqualTo("alice");
  }

  @Test
  void closeStopsEveryThreadItStarted() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    FakeLlmProvider second = FakeLlmProvider.start();
    HttpRequest request =
        request(second.baseUrl(), "/v1/chat/completions")
            .POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o", "hi", ",\"stream\":true")))
            .build();
    http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(startedSince(before)).isNotEmpty();

    second.close();

    assertThat(startedSince(before)).isEmpty();
  }

  private static Set<String> startedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && thread.isAlive())
        .map(Thread::getName)
        .filter(name -> name.startsWith("fake-llm-provider") || name.startsWith("HTTP-Dispatcher"))
        .collect(Collectors.toSet());
  }

  private Reply post(String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return new Reply(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private HttpRequest.Builder request(String path) {
    return request(provider.baseUrl(), path);
  }

  private static HttpRequest.Builder request(String baseUrl, String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json");
  }

  private static String chat(String model, String prompt) {
    return chat(model, prompt, "");
  }

  private static String chat(String model, String prompt, String extra) {
    return String.format(CHAT, model, prompt, extra);
  }

  private static String anthropic() {
    return "{\"model\":\"claude-3-5-haiku-latest\",\"max_tokens\":64,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private record Reply(HttpResponse<String> response) {
    int status() {
      return response.statusCode();
    }

    String body() {
      return response.body();
    }

    JsonNode json() throws IOException {
      return JSON.readTree(response.body());
    }
  }
}
