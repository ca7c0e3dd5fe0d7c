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
import io.tokenmeter.demo.provider.FakeUsage;
import io.tokenmeter.it.apps.LangChain4jApp;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j chat models (OpenAI and Anthropic modules, sync, streaming, AI Services with a tool)
 * under the real agent with the Tokenmeter extension, on the oldest and newest LangChain4j.
 */
class LangChain4jExtensionIT extends AbstractSdkExtensionIT {
  private static final String SCOPE = "io.tokenmeter.langchain4j";
  private static final String OPENAI_MODULE = "langchain4j-open-ai";
  private static final String ANTHROPIC_MODULE = "langchain4j-anthropic";

  /** gpt-4o-mini: 400 uncached x $0.15 + 100 cached x $0.075 + 40 output x $0.60, per million. */
  private static final FakeUsage OPENAI_USAGE = new FakeUsage(500, 100, 0, 40, 0);

  private static final double OPENAI_COST = 0.0000915;

  /**
   * claude-haiku-4-5: 200 uncached x $1 + 1000 read x $0.10 + 300 written x $1.25 + 200 out x $5.
   */
  private static final FakeUsage ANTHROPIC_USAGE = new FakeUsage(1500, 1000, 300, 200, 0);

  private static final double ANTHROPIC_COST = 0.001675;

  LangChain4jExtensionIT() {
    super(LangChain4jApp.class, "langchain4j");
  }

  @Override
  void configure(FakeLlmProvider provider) {
    provider.setUsage(LangChain4jApp.OPENAI_MODEL, OPENAI_USAGE);
    provider.setUsage(LangChain4jApp.ANTHROPIC_MODEL, ANTHROPIC_USAGE);
  }

  @Override
  List<SdkVersion> versions() {
    List<String> both = new ArrayList<>(LangChain4jApp.OPENAI_SCENARIOS);
    both.addAll(LangChain4jApp.ANTHROPIC_SCENARIOS);
    return List.of(
        new SdkVersion(Sdk.LANGCHAIN4J_OLDEST, LangChain4jApp.OPENAI_SCENARIOS),
        new SdkVersion(Sdk.LANGCHAIN4J_NEWEST, both));
  }

  @Override
  Map<String, List<String>> outcomesWithoutTheAgent() {
    return Map.of(
        "openai-error-429", List.of("EXCEPTION", "429"), "openai-agent", List.of("answer="));
  }

  @Override
  List<PricedRun> pricedRuns() {
    return List.of(
        openAiModule(Sdk.LANGCHAIN4J_OLDEST),
        openAiModule(Sdk.LANGCHAIN4J_NEWEST),
        anthropicModule(Sdk.LANGCHAIN4J_ANTHROPIC_OLDEST, LangChain4jApp.ANTHROPIC_SCENARIOS, 4),
        anthropicModule(Sdk.LANGCHAIN4J_NEWEST, LangChain4jApp.ANTHROPIC_SCENARIOS, 4));
  }

  /** One span per scenario, two for the AI Service (tool call, then answer). */
  private static PricedRun openAiModule(String sdk) {
    return PricedRun.of(OPENAI_MODULE, sdk, LangChain4jApp.OPENAI_SCENARIOS, 6)
        .scope(SCOPE)
        .everySpan("gen_ai.provider.name", "openai")
        .costCounter(Map.of("gen_ai.provider.name", "openai"));
  }

  private static PricedRun anthropicModule(String sdk, List<String> scenarios, int spans) {
    return PricedRun.of(ANTHROPIC_MODULE, sdk, scenarios, spans)
        .scope(SCOPE)
        .everySpan("gen_ai.provider.name", "anthropic");
  }

  @Override
  void assertPricedSpans(PricedRun run, List<ReceivedSpan> spans) {
    if (run.label().equals(OPENAI_MODULE)) {
      assertOpenAiModuleSpans(byUser(spans));
    } else {
      assertAnthropicModuleSpans(byUser(spans));
    }
  }

  private static void assertOpenAiModuleSpans(Map<String, List<ReceivedSpan>> span) {
    for (String exact : List.of("openai-chat", "openai-stream")) {
      ReceivedSpan s = only(span, exact);
      assertThat(s.name()).isEqualTo("chat gpt-4o-mini");
      assertThat(s.attribute("gen_ai.response.model"))
          .as(exact)
          .isEqualTo("gpt-4o-mini-2024-07-18");
      assertThat(longAttr(s, "gen_ai.usage.input_tokens")).as(exact).isEqualTo(500);
      assertThat(longAttr(s, "gen_ai.usage.cache_read.input_tokens")).as(exact).isEqualTo(100);
      assertThat(longAttr(s, "gen_ai.usage.output_tokens")).as(exact).isEqualTo(40);
      assertThat(cost(s)).as(exact).isCloseTo(OPENAI_COST, within(1e-12));
      assertThat(s.attribute("tokenmeter.pricing.model")).isEqualTo("openai/gpt-4o-mini");
      assertThat(s.attribute("gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));
      assertThat(s.attribute("session.id")).isEqualTo("session-" + exact);
    }

    ReceivedSpan usage1200 = only(span, "openai-usage-1200");
    assertThat(longAttr(usage1200, "gen_ai.usage.input_tokens")).isEqualTo(1200);
    assertThat(longAttr(usage1200, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(200);
    assertThat(longAttr(usage1200, "gen_ai.usage.output_tokens")).isEqualTo(300);
    assertThat(cost(usage1200)).isCloseTo(0.000345, within(1e-12));

    ReceivedSpan error = only(span, "openai-error-429");
    assertThat(error.attribute("error.type")).isEqualTo("429");
    assertThat(error.statusCode()).isEqualTo("ERROR");
    assertThat(error.attributes()).doesNotContainKey("tokenmeter.cost.usd");

    assertAgentRoundTrips(span.get("openai-agent"), OPENAI_COST);
  }

  private static void assertAnthropicModuleSpans(Map<String, List<ReceivedSpan>> span) {
    ReceivedSpan chat = only(span, "anthropic-chat");
    assertThat(chat.name()).isEqualTo("chat claude-haiku-4-5");
    // LangChain4j reports Anthropic's uncached input (200); the span carries all input tokens.
    assertThat(longAttr(chat, "gen_ai.usage.input_tokens")).isEqualTo(1500);
    assertThat(longAttr(chat, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(1000);
    assertThat(longAttr(chat, "gen_ai.usage.cache_creation.input_tokens")).isEqualTo(300);
    assertThat(longAttr(chat, "gen_ai.usage.output_tokens")).isEqualTo(200);
    assertThat(cost(chat)).isCloseTo(ANTHROPIC_COST, within(1e-12));
    assertThat(chat.attribute("tokenmeter.pricing.model")).isEqualTo("anthropic/claude-haiku-4-5");
    assertThat(chat.attribute("session.id")).isEqualTo("session-anthropic-chat");

    ReceivedSpan stream = only(span, "anthropic-stream");
    assertThat(longAttr(stream, "gen_ai.usage.output_tokens")).isEqualTo(200);
    assertThat(longAttr(stream, "gen_ai.usage.input_tokens")).isEqualTo(1500);
    assertThat(cost(stream)).isCloseTo(ANTHROPIC_COST, within(1e-12));

    assertAgentRoundTrips(span.get("anthropic-agent"), ANTHROPIC_COST);
  }

  @Test
  void providerErrorsOfTheAnthropicModuleCarryTheStatus() {
    provider.failNext(1, 429);
    List<ReceivedSpan> spans =
        runPriced(anthropicModule(Sdk.LANGCHAIN4J_NEWEST, List.of("anthropic-chat"), 1));
    assertThat(spans.get(0).attribute("error.type")).isEqualTo("429");
    assertThat(spans.get(0).statusCode()).isEqualTo("ERROR");
  }

  private static Map<String, List<ReceivedSpan>> byUser(List<ReceivedSpan> spans) {
    return spans.stream()
        .filter(s -> s.attributes().containsKey("user.id"))
        .collect(Collectors.groupingBy(s -> (String) s.attribute("user.id")));
  }

  /** An AI Service call with one tool round: two billed spans, named after the service. */
  private static void assertAgentRoundTrips(List<ReceivedSpan> roundTrips, double costEach) {
    assertThat(roundTrips).hasSize(2);
    assertThat(roundTrips)
        .allSatisfy(
            s -> {
              assertThat(s.attribute("gen_ai.agent.name")).isEqualTo("WeatherAssistant");
              assertThat(s.attribute("gen_ai.conversation.id")).isEqualTo("conversation-7");
              assertThat(cost(s)).isCloseTo(costEach, within(1e-12));
            });
    assertThat(
            roundTrips.stream()
                .map(s -> s.attribute("gen_ai.response.finish_reasons"))
                .collect(Collectors.toList()))
        .containsExactlyInAnyOrder(List.of("tool_calls"), List.of("stop"));
  }

  private static ReceivedSpan only(Map<String, List<ReceivedSpan>> byUser, String scenario) {
    List<ReceivedSpan> spans = byUser.get(scenario);
    assertThat(spans).as("spans of %s", scenario).hasSize(1);
    return spans.get(0);
  }
}
