/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.extension;

import static io.tokenmeter.it.extension.GenAiSpans.cost;
import static io.tokenmeter.it.extension.GenAiSpans.longAttr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenmeter.it.apps.SpringAiApp;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Spring Boot app with the Spring AI OpenAI and Anthropic starters under the real agent, one JVM
 * per classpath running every scenario. One billed span per call: the span of the SDK below where
 * there is one (Spring AI 2.0 over openai-java), else the Spring AI span (1.1, which has its own
 * HTTP clients; 2.0 over anthropic-java 2.40, which it calls through withRawResponse(), where no
 * SDK hook sees it).
 */
class SpringAiExtensionIT extends AbstractSdkExtensionIT {
  private static final String SPRING_AI_SCOPE = "io.tokenmeter.spring-ai";
  private static final int BILLED_CALLS = 4;

  SpringAiExtensionIT() {
    super(SpringAiApp.class, "spring-ai");
  }

  @Override
  Duration runTimeout() {
    return Duration.ofSeconds(150);
  }

  @Override
  List<SdkVersion> versions() {
    return oldestAndNewest(Sdk.SPRING_AI_OLDEST, Sdk.SPRING_AI_NEWEST, SpringAiApp.SCENARIOS);
  }

  @Override
  Map<String, List<String>> outcomesWithoutTheAgent() {
    return Map.of(
        "openai-error", List.of("EXCEPTION"),
        "anthropic-error", List.of("EXCEPTION"));
  }

  /** Every call of both starters; the cost counter over all of them equals the spans' costs. */
  @Override
  List<PricedRun> pricedRuns() {
    return List.of(
        PricedRun.of("spring-ai", Sdk.SPRING_AI_NEWEST, SpringAiApp.SCENARIOS, 8)
            .costCounter(Map.of()),
        PricedRun.of("spring-ai", Sdk.SPRING_AI_OLDEST, SpringAiApp.SCENARIOS, 8)
            .costCounter(Map.of()));
  }

  @Override
  void assertPricedSpans(PricedRun run, List<ReceivedSpan> spans) {
    Map<String, ReceivedSpan> span = GenAiSpans.byUser(spans);
    assertThat(span.keySet()).containsExactlyInAnyOrderElementsOf(SpringAiApp.SCENARIOS);
    assertThat(spans)
        .allSatisfy(
            s ->
                assertThat(s.attribute("session.id"))
                    .isEqualTo("session-" + s.attribute("user.id")));
    if (run.sdk().equals(Sdk.SPRING_AI_NEWEST)) {
      assertSpringAi2BillsOnlyTheSdkSpanBelowIt(span);
    } else {
      assertSpringAi1BillsItsOwnSpan(span);
    }
    assertErrors(span);
    assertOneInputTokenRecordPerBilledCall();
  }

  private static void assertSpringAi2BillsOnlyTheSdkSpanBelowIt(Map<String, ReceivedSpan> span) {
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
  }

  private static void assertSpringAi1BillsItsOwnSpan(Map<String, ReceivedSpan> span) {
    assertThat(span.values()).allSatisfy(s -> assertThat(s.scopeName()).isEqualTo(SPRING_AI_SCOPE));
    assertOpenAiCall(span.get("openai-call"));
    assertAnthropicCall(span.get("anthropic-call"));
    // The aggregate of a stream keeps only prompt and completion counts; the cache counts come
    // from the chunks.
    assertOpenAiCall(span.get("openai-stream"));
    assertAnthropicCall(span.get("anthropic-stream"));
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

  /** The input token histogram records once per billed call: no call is counted twice. */
  private void assertOneInputTokenRecordPerBilledCall() {
    long inputTokenCount =
        otlp.latestPoints().stream()
            .filter(p -> p.metricName().equals(GenAiSpans.TOKEN_USAGE))
            .filter(p -> "input".equals(p.attribute("gen_ai.token.type")))
            .mapToLong(p -> p.count())
            .sum();
    assertThat(inputTokenCount)
        .as("input token histogram: one record per billed call")
        .isEqualTo(BILLED_CALLS);
  }
}
