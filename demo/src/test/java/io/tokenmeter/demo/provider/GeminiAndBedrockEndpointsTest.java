/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Gemini and Bedrock Converse wire formats over plain HTTP (the real google-genai and
 * bedrockruntime SDKs parse them in the integration tests).
 */
class GeminiAndBedrockEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GEMINI_BODY =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}";
  private static final String CONVERSE_BODY =
      "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}";

  private final FakeLlmProvider provider = FakeLlmProvider.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void geminiReportsPromptWithCacheAndCandidatesWithoutThoughts() throws Exception {
    provider.setUsage("gemini-2.5-flash", new FakeUsage(1000, 400, 0, 300, 100));

    JsonNode body =
        JSON.readTree(post("/v1beta/models/gemini-2.5-flash:generateContent", GEMINI_BODY).body());

    assertThat(body.at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(1000);
    assertThat(body.at("/usageMetadata/cachedContentTokenCount").asLong()).isEqualTo(400);
    assertThat(body.at("/usageMetadata/candidatesTokenCount").asLong()).isEqualTo(200);
    assertThat(body.at("/usageMetadata/thoughtsTokenCount").asLong()).isEqualTo(100);
    assertThat(body.at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(1300);
    assertThat(body.at("/modelVersion").asText()).isEqualTo("gemini-2.5-flash");
    assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
  }

  @Test
  void geminiStreamsSseChunksWhoseLastCarriesTheFinalUsage() throws Exception {
    provider.setUsage("gemini-2.5-flash", new FakeUsage(1000, 400, 0, 300, 100));

    String sse =
        post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", GEMINI_BODY).body();
    List<JsonNode> chunks = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ")) {
        chunks.add(JSON.readTree(line.substring("data: ".length())));
      }
    }

    assertThat(chunks).hasSizeGreaterThan(1);
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.at("/usageMetadata/candidatesTokenCount").asLong()).isEqualTo(200);
    assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(chunks.get(0).at("/candidates/0/finishReason").isMissingNode()).isTrue();
  }

  @Test
  void geminiErrorsAreGoogleShaped() throws Exception {
    HttpResponse<String> response =
        post("/v1beta/models/gemini-2.5-flash:generateContent", GEMINI_BODY, "x-fake-error", "429");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(response.body()).at("/error/status").asText())
        .isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void converseReportsUncachedInputBesideCacheReadsAndWrites() throws Exception {
    String model = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
    provider.setUsage(model, new FakeUsage(1500, 1000, 300, 200, 0));

    String path = "/model/" + model.replace(":", "%3A") + "/converse";
    JsonNode body = JSON.readTree(post(path, CONVERSE_BODY).body());

    assertThat(body.at("/usage/inputTokens").asLong()).isEqualTo(200);
    assertThat(body.at("/usage/cacheReadInputTokens").asLong()).isEqualTo(1000);
    assertThat(body.at("/usage/cacheWriteInputTokens").asLong()).isEqualTo(300);
    assertThat(body.at("/usage/outputTokens").asLong()).isEqualTo(200);
    assertThat(body.at("/usage/totalTokens").asLong()).isEqualTo(1700);
    assertThat(body.at("/stopReason").asText()).isEqualTo("end_turn");
  }

  @Test
  void converseStreamIsFramedAsAwsEventStreamWithValidChecksums() throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(provider.baseUrl() + "/model/nova-lite/converse-stream"))
                .POST(HttpRequest.BodyPublishers.ofString(CONVERSE_BODY))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    ByteBuffer stream = ByteBuffer.wrap(response.body());
    List<String> payloads = new ArrayList<>();
    while (stream.hasRemaining()) {
      int start = stream.position();
      int total = stream.getInt();
      int headers = stream.getInt();
      assertThat(stream.getInt()).isEqualTo((int) crc(response.body(), start, 8));
      stream.position(start + 12 + headers);
      byte[] payload = new byte[total - 16 - headers];
      stream.get(payload);
      assertThat(stream.getInt()).isEqualTo((int) crc(response.body(), start, total - 4));
      payloads.add(new String(payload, StandardCharsets.UTF_8));
    }

    assertThat(response.headers().firstValue("content-type"))
        .contains("application/vnd.amazon.eventstream");
    assertThat(payloads.get(0)).contains("\"role\":\"assistant\"");
    assertThat(payloads.get(payloads.size() - 1)).contains("\"usage\"").contains("\"inputTokens\"");
  }

  @Test
  void bedrockErrorsNameTheirTypeInAHeader() throws Exception {
    HttpResponse<String> response =
        post("/model/nova-lite/converse", CONVERSE_BODY, "x-fake-error", "429");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("x-amzn-ErrorType").orElse(""))
        .startsWith("ThrottlingException");
    assertThat(JSON.readTree(response.body()).path("message").asText()).isNotEmpty();
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(provider.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }
}
