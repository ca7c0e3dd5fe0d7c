/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.extension;

import static io.tokenmeter.it.extension.GenAiSpans.cost;
import static io.tokenmeter.it.extension.GenAiSpans.longAttr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenmeter.demo.provider.FakeLlmProvider;
import io.tokenmeter.it.LlmBackends;
import io.tokenmeter.it.apps.Outcome;
import io.tokenmeter.it.apps.SpringAiApp;
import io.tokenmeter.it.jvm.AgentJvm;
import io.tokenmeter.it.jvm.ChildJvmLogsOnFailure;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.it.otlp.OtlpReceiver;
import io.tokenmeter.it.otlp.ReceivedSpan;
import io.tokenmeter.it.otlp.TelemetryReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Spring Boot app with the Spring AI OpenAI and Anthropic starters under the real agent, one JVM
 * per classpath running every scenario. One billed span per call: the span of the SDK below where
 * there is one (Spring AI 2.0 over openai-java), else the Spring AI span (1.1, which has its own
 * HTTP clients; 2.0 over anthropic-java 2.40, which it calls through withRawResponse(), where no
 * SDK hook sees it).
 */
@ExtendWith(ChildJvmLogsOnFailure.class)
class SpringAiExtensionIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);
  private static final Duration AWAIT = Duration.ofSeconds(30);
  private static final String SPRING_AI_SCOPE = "io.tokenmeter.spring-ai";

  @RegisterExtension final LlmBackends backends = new LlmBackends();
  private FakeLlmProvider provider;
  private OtlpReceiver otlp;

  @BeforeEach
  void start() {
    provider = backends.provider();
    otlp = backends.otlp();
  }

  @Test
  void springAi2BillsOnlyTheSdkSpanBelowIt() {
    Map<String, ReceivedSpan> span = runAndIndex(Sdk.SPRING_AI_NEWEST, SpringAiApp.SCENARIOS, true);

    // OpenAI runs on openai-java, whose span (ours) is the billed one; Spring AI adds none.
    for (String scenario :
        List.of("openai-call", "openai-stream", "openai-error", "openai-stream-error")) {
      assertThat(span.get(scenario).scopeName())
          .as(scenario)
          .isEqualTo("io.tokenmeter.openai-java");
    }
    // Anthropic runs on anthropic-java 2.40 through withRawResponse(), which no SDK-level span
    // covers (and 2.x does not trace itself): here the Spring AI span is the billed one.
    for (String scenario :
        List.of(
            "anthropic-call", "anthropic-stream", "anthropic-error", "anthropic-stream-error")) {
      assertThat(span.get(scenario).scopeName()).as(scenario).isEqualTo(SPRING_AI_SCOPE);
    }
    assertOpenAiCall(span.get("openai-call"));
    assertOpenAiCall(span.get("openai-stream"));
    assertAnthropicCall(span.get("anthropic-call"));
    assertAnthropicCall(span.get("anthropic-stream"));
    assertThat(span.get("openai-stream").attribute("gen_ai.request.stream")).isEqualTo(true);
    assertThat(span.get("anthropic-stream").attribute("gen_ai.request.stream")).isEqualTo(true);
    assertErrors(span);
    assertCostCountedOnce(4);
  }

  @Test
  void springAi1BillsItsOwnSpan() {
    Map<String, ReceivedSpan> span = runAndIndex(Sdk.SPRING_AI_OLDEST, SpringAiApp.SCENARIOS, true);

    assertThat(span.values()).allSatisfy(s -> assertThat(s.scopeName()).isEqualTo(SPRING_AI_SCOPE));
    assertOpenAiCall(span.get("openai-call"));
    assertAnthropicCall(span.get("anthropic-call"));
    // The aggregate of a stream keeps only prompt and completion counts; the cache counts come
    // from the chunks.
    assertOpenAiCall(span.get("openai-stream"));
    assertAnthropicCall(span.get("anthropic-stream"));
    assertErrors(span);
    assertCostCountedOnce(4);
  }

  /**
   * Runs the scenarios (each tagged with Baggage user.id = its name) in one JVM under the agent,
   * and optionally once more without any agent to compare what the app saw; returns the GenAI spans
   * by scenario after checking there is exactly one per call.
   */
  private Map<String, ReceivedSpan> runAndIndex(String sdk, List<String> names, boolean compare) {
    List<String> scenarios = new ArrayList<>();
    for (String scenario : names) {
      scenarios.add("baggage:" + scenario + ":session-" + scenario + ":" + scenario);
    }
    AgentJvm.Result result =
        AgentJvm.named("spring-ai-ext-" + sdk)
            .receiver(otlp)
            .sdk(sdk)
            .mainClass(SpringAiApp.class)
            .args(provider.baseUrl())
            .args(scenarios)
            .run(RUN_TIMEOUT)
            .requireSuccess();
    if (compare) {
      assertSameResultsAsWithoutTheAgent(sdk, result);
    }

    int calls = names.size();
    List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, calls, AWAIT);
    String report = TelemetryReport.of(sdk, otlp).toString();
    assertThat(spans).as(report).hasSize(calls);
    GenAiSpans.assertOneGenAiSpanPerTrace(otlp.spans());
    Map<String, ReceivedSpan> span = GenAiSpans.byUser(spans);
    assertThat(span.keySet()).as(report).containsExactlyInAnyOrderElementsOf(names);
    assertThat(spans)
        .allSatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo("CLIENT");
              assertThat(s.attribute("session.id")).isEqualTo("session-" + s.attribute("user.id"));
            });
    return span;
  }

  private static void assertOpenAiCall(ReceivedSpan s) {
    assertThat(s.attribute("gen_ai.provider.name")).isEqualTo("openai");
    assertThat(s.attribute("gen_ai.request.model")).isEqualTo("gpt-4o-mini");
    assertThat(s.attribute("gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(longAttr(s, "gen_ai.usage.input_tokens")).isEqualTo(1200);
    assertThat(longAttr(s, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(200);
    assertThat(longAttr(s, "gen_ai.usage.output_tokens")).isEqualTo(300);
    // 1000 uncached x $0.15 + 200 cached x $0.075 + 300 output x $0.60, per million tokens.
    assertThat(cost(s)).isCloseTo(0.000345, within(1e-12));
    assertThat(s.attribute("tokenmeter.pricing.model")).isEqualTo("openai/gpt-4o-mini");
  }

  private static void assertAnthropicCall(ReceivedSpan s) {
    assertThat(s.attribute("gen_ai.provider.name")).isEqualTo("anthropic");
    assertThat(s.attribute("gen_ai.request.model")).isEqualTo("claude-sonnet-4-5");
    assertThat(longAttr(s, "gen_ai.usage.input_tokens"))
        .as(s.attributes().toString())
        .isEqualTo(1500);
    assertThat(longAttr(s, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(1000);
    assertThat(longAttr(s, "gen_ai.usage.cache_creation.input_tokens")).isEqualTo(300);
    assertThat(longAttr(s, "gen_ai.usage.output_tokens")).isEqualTo(200);
    // 200 uncached x $3 + 1000 read x $0.30 + 300 written x $3.75 + 200 output x $15, per million.
    assertThat(cost(s)).isCloseTo(0.005025, within(1e-12));
    assertThat(s.attribute("tokenmeter.pricing.model")).isEqualTo("anthropic/claude-sonnet-4-5");
  }

  private static void assertErrors(Map<String, ReceivedSpan> span) {
    assertThat(span.get("openai-error").attribute("error.type")).isEqualTo("429");
    assertThat(span.get("openai-error").statusCode()).isEqualTo("ERROR");
    assertThat(span.get("anthropic-error").attribute("error.type")).isEqualTo("529");
    assertThat(span.get("anthropic-error").statusCode()).isEqualTo("ERROR");
    // openai-java's async stream span names the exception class rather than the status.
    assertThat(span.get("openai-stream-error").attributes()).containsKey("error.type");
    assertThat(span.get("openai-stream-error").statusCode()).isEqualTo("ERROR");
    assertThat(span.get("anthropic-stream-error").attribute("error.type")).isEqualTo("529");
    assertThat(span.get("anthropic-stream-error").statusCode()).isEqualTo("ERROR");
  }

  /** The cost counter equals the sum over the spans: every call counted exactly once. */
  private void assertCostCountedOnce(int billedCalls) {
    double spanCosts =
        otlp.spans().stream()
            .filter(s -> s.attributes().containsKey("tokenmeter.cost.usd"))
            .mapToDouble(GenAiSpans::cost)
            .sum();
    otlp.awaitPoints(p -> p.metricName().equals("tokenmeter.client.cost"), 1, AWAIT);
    otlp.awaitPoints(p -> p.metricName().equals("gen_ai.client.token.usage"), 1, AWAIT);
    double counted =
        GenAiSpans.counterTotal(otlp.latestPoints(), "tokenmeter.client.cost", Map.of());
    assertThat(counted).isCloseTo(spanCosts, within(1e-9));
    long inputTokenCount =
        otlp.latestPoints().stream()
            .filter(p -> p.metricName().equals("gen_ai.client.token.usage"))
            .filter(p -> "input".equals(p.attribute("gen_ai.token.type")))
            .mapToLong(p -> p.count())
            .sum();
    assertThat(inputTokenCount)
        .as("input token histogram: one record per billed call")
        .isEqualTo(billedCalls);
  }

  /** The app sees the same answers and errors with the agent as without any agent. */
  private void assertSameResultsAsWithoutTheAgent(String sdk, AgentJvm.Result withAgent) {
    AgentJvm.Result plain =
        AgentJvm.named("spring-ai-plain-" + sdk)
            .withoutAgent()
            .sdk(sdk)
            .mainClass(SpringAiApp.class)
            .args(provider.baseUrl())
            .args(SpringAiApp.SCENARIOS)
            .run(RUN_TIMEOUT)
            .requireSuccess();
    assertThat(masked(plain.results()).keySet()).containsExactlyElementsOf(SpringAiApp.SCENARIOS);
    assertThat(plain.result("openai-error")).contains("EXCEPTION");
    assertThat(plain.result("anthropic-error")).contains("EXCEPTION");
    assertThat(masked(withAgent.results())).isEqualTo(masked(plain.results()));
  }

  /** Masks ids and drops the baggage prefix of tagged scenario names. */
  private static Map<String, String> masked(Map<String, String> results) {
    Map<String, String> out = new LinkedHashMap<>();
    results.forEach((k, v) -> out.put(k.substring(k.lastIndexOf(':') + 1), Outcome.maskIds(v)));
    return out;
  }
}
