/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenmeter.demo.provider.FakeLlmProvider;
import io.tokenmeter.it.apps.AnthropicApp;
import io.tokenmeter.it.apps.BedrockApp;
import io.tokenmeter.it.apps.GoogleGenAiApp;
import io.tokenmeter.it.apps.LangChain4jApp;
import io.tokenmeter.it.apps.OpenAiApp;
import io.tokenmeter.it.apps.SpringAiApp;
import io.tokenmeter.it.jvm.AgentJvm;
import io.tokenmeter.it.jvm.ChildJvmLogsOnFailure;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.testing.otlp.OtlpReceiver;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path: real SDKs in a child JVM under the real agent and extension, exporting OTLP to
 * the real processor from dist/, which prices, aggregates by user and session, and forwards the
 * spans on.
 */
@ExtendWith(ChildJvmLogsOnFailure.class)
class ProcessorEndToEndIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration AWAIT = Duration.ofSeconds(30);
  private static final String MINI = "gpt-4o-mini-2024-07-18";

  private FakeLlmProvider provider;
  private OtlpReceiver downstream;
  private ProcessorProcess processor;

  @BeforeEach
  void start() throws Exception {
    provider = FakeLlmProvider.start();
    downstream = OtlpReceiver.start();
    processor =
        ProcessorProcess.start(
            "processor-e2e", Map.of("TOKENMETER_FORWARD_ENDPOINT", downstream.endpoint()));
  }

  @AfterEach
  void stop() {
    processor.close();
    downstream.close();
    provider.close();
  }

  private void run(String service, Class<?> app, String sdk, String... scenarios) {
    AgentJvm.named(service)
        .exportTo(processor.otlpHttpEndpoint())
        .sdk(sdk)
        .mainClass(app)
        .args(provider.baseUrl())
        .args(scenarios)
        .run(RUN_TIMEOUT)
        .requireSuccess();
  }

  @Test
  void metricsShowEachAppsCallsByServiceModelUserAndSession() throws Exception {
    run(
        "e2e-openai",
        OpenAiApp.class,
        Sdk.OPENAI_NEWEST,
        "baggage:alice:s-a:chat-usage-1200",
        "baggage:alice:s-a:chat",
        "baggage:bob:s-b:chat-usage-1200",
        "baggage:bob:s-b:embeddings",
        "baggage:bob:s-b:error-429");
    run(
        "e2e-anthropic",
        AnthropicApp.class,
        Sdk.ANTHROPIC_NEWEST,
        "baggage:carol:s-c:message-cache");

    PrometheusText metrics = awaitScrape(6);
    List<ReceivedSpan> spans =
        downstream.awaitSpans(s -> s.attributes().containsKey("gen_ai.operation.name"), 6, AWAIT);

    Map<String, String> openai = Map.of("service", "e2e-openai", "provider", "openai");
    assertThat(
            metrics.sum(
                "tokenmeter_tokens_total", with(openai, "model", MINI, "token_type", "cache_read")))
        .isEqualTo(400);
    assertThat(
            metrics.sum(
                "tokenmeter_tokens_total", with(openai, "model", MINI, "token_type", "output")))
        .isEqualTo(300 + 300 + outputOf(spans, "alice", MINI) - 300);
    assertThat(metrics.sum("tokenmeter_tokens_total", Map.of("service", "e2e-openai")))
        .isEqualTo(tokens(spans, "e2e-openai"));
    assertThat(metrics.sum("tokenmeter_cost_usd_total", Map.of("service", "e2e-openai")))
        .isCloseTo(cost(spans, s -> s.serviceName().equals("e2e-openai")), within(1e-9));
    assertThat(metrics.sum("tokenmeter_requests_total", with(openai, "outcome", "error")))
        .isEqualTo(1);
    assertThat(metrics.sum("tokenmeter_requests_total", with(openai, "outcome", "ok")))
        .isEqualTo(4);

    for (String user : List.of("alice", "bob", "carol")) {
      assertThat(metrics.sum("tokenmeter_user_cost_usd_total", Map.of("user", user)))
          .as(user)
          .isPositive()
          .isCloseTo(cost(spans, s -> user.equals(s.attribute("user.id"))), within(1e-9));
    }
    assertThat(
            metrics.sum("tokenmeter_session_cost_usd", Map.of("session", "s-a", "user", "alice")))
        .isCloseTo(cost(spans, s -> "alice".equals(s.attribute("user.id"))), within(1e-9));
    assertThat(metrics.sum("tokenmeter_session_requests", Map.of("session", "s-b", "user", "bob")))
        .isEqualTo(3);

    Map<String, String> claude =
        Map.of("service", "e2e-anthropic", "provider", "anthropic", "model", "claude-sonnet-4-5");
    assertThat(metrics.sum("tokenmeter_cost_usd_total", with(claude, "token_type", "cache_write")))
        .isCloseTo(0.001125, within(1e-12));
    assertThat(metrics.sum("tokenmeter_cost_usd_total", claude)).isCloseTo(0.005025, within(1e-12));
    assertThat(metrics.sum("tokenmeter_unpriced_requests_total", Map.of()))
        .as(
            "%s",
            metrics.samples().stream()
                .filter(x -> x.name().startsWith("tokenmeter_unpriced"))
                .toList())
        .isZero();
    assertThat(spans).allSatisfy(s -> assertThat(s.attributes()).containsKey("user.id"));
  }

  @Test
  void everyInstrumentedClientShowsUpWithItsProviderAndModel() throws Exception {
    run(
        "e2e-langchain4j",
        LangChain4jApp.class,
        Sdk.LANGCHAIN4J_NEWEST,
        "openai-chat",
        "anthropic-chat");
    run("e2e-spring-ai", SpringAiApp.class, Sdk.SPRING_AI_OLDEST, "openai-call");
    run("e2e-google", GoogleGenAiApp.class, Sdk.GOOGLE_GENAI_OLDEST, "generate");
    run("e2e-bedrock", BedrockApp.class, Sdk.BEDROCKRUNTIME, "converse");

    List<ReceivedSpan> spans =
        downstream.awaitSpans(s -> s.attributes().containsKey("gen_ai.operation.name"), 5, AWAIT);
    PrometheusText metrics = awaitScrape(5);
    for (ReceivedSpan span : spans) {
      Object model = span.attribute("gen_ai.response.model");
      if (model == null) {
        model = span.attribute("gen_ai.request.model");
      }
      Map<String, String> labels =
          Map.of(
              "service", span.serviceName(),
              "provider", String.valueOf(span.attribute("gen_ai.provider.name")),
              "model", String.valueOf(model));
      assertThat(metrics.sum("tokenmeter_requests_total", labels)).as("%s", labels).isEqualTo(1);
      assertThat(metrics.sum("tokenmeter_cost_usd_total", labels))
          .as("%s", labels)
          .isPositive()
          .isCloseTo((Double) span.attribute("tokenmeter.cost.usd"), within(1e-12));
    }
    assertThat(spans)
        .extracting(s -> s.attribute("gen_ai.provider.name"))
        .containsExactlyInAnyOrder("openai", "anthropic", "openai", "gcp.gemini", "aws.bedrock");
  }

  private PrometheusText awaitScrape(int requests) throws Exception {
    long deadline = System.nanoTime() + AWAIT.toNanos();
    PrometheusText text = processor.scrape();
    while (text.sum("tokenmeter_requests_total", Map.of()) < requests
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      text = processor.scrape();
    }
    assertThat(text.sum("tokenmeter_requests_total", Map.of()))
        .as(processor.log())
        .isEqualTo(requests);
    return text;
  }

  private static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> out = new java.util.HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private static double cost(
      List<ReceivedSpan> spans, java.util.function.Predicate<ReceivedSpan> which) {
    return spans.stream()
        .filter(which)
        .filter(s -> s.attributes().containsKey("tokenmeter.cost.usd"))
        .mapToDouble(s -> (Double) s.attribute("tokenmeter.cost.usd"))
        .sum();
  }

  private static long tokens(List<ReceivedSpan> spans, String service) {
    return spans.stream()
        .filter(s -> s.serviceName().equals(service))
        .mapToLong(
            s -> number(s, "gen_ai.usage.input_tokens") + number(s, "gen_ai.usage.output_tokens"))
        .sum();
  }

  private static long outputOf(List<ReceivedSpan> spans, String user, String model) {
    return spans.stream()
        .filter(
            s ->
                user.equals(s.attribute("user.id"))
                    && model.equals(s.attribute("gen_ai.response.model")))
        .mapToLong(
            s ->
                number(s, "gen_ai.usage.output_tokens")
                    - number(s, "gen_ai.usage.reasoning.output_tokens"))
        .sum();
  }

  private static long number(ReceivedSpan span, String key) {
    Object value = span.attribute(key);
    return value instanceof Long l ? l : 0L;
  }
}
