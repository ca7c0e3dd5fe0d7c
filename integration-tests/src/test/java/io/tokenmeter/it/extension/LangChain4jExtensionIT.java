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
import io.tokenmeter.it.LlmBackends;
import io.tokenmeter.it.apps.LangChain4jApp;
import io.tokenmeter.it.apps.Outcome;
import io.tokenmeter.it.jvm.AgentJvm;
import io.tokenmeter.it.jvm.ChildJvmLogsOnFailure;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.it.otlp.OtlpReceiver;
import io.tokenmeter.it.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LangChain4j chat models (OpenAI and Anthropic modules, sync, streaming, AI Services with a tool)
 * under the real agent with the Tokenmeter extension, on the oldest and newest LangChain4j.
 */
@ExtendWith(ChildJvmLogsOnFailure.class)
class LangChain4jExtensionIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration AWAIT = Duration.ofSeconds(30);
  private static final String SCOPE = "io.tokenmeter.langchain4j";

  /** gpt-4o-mini: 400 uncached x $0.15 + 100 cached x $0.075 + 40 output x $0.60, per million. */
  private static final FakeUsage OPENAI_USAGE = new FakeUsage(500, 100, 0, 40, 0);

  private static final double OPENAI_COST = 0.0000915;

  /**
   * claude-haiku-4-5: 200 uncached x $1 + 1000 read x $0.10 + 300 written x $1.25 + 200 out x $5.
   */
  private static final FakeUsage ANTHROPIC_USAGE = new FakeUsage(1500, 1000, 300, 200, 0);

  private static final double ANTHROPIC_COST = 0.001675;

  @RegisterExtension final LlmBackends backends = new LlmBackends();
  private FakeLlmProvider provider;
  private OtlpReceiver otlp;

  @BeforeEach
  void start() {
    provider = backends.provider();
    provider.setUsage(LangChain4jApp.OPENAI_MODEL, OPENAI_USAGE);
    provider.setUsage(LangChain4jApp.ANTHROPIC_MODEL, ANTHROPIC_USAGE);
    otlp = backends.otlp();
  }

  private AgentJvm app(String name, String sdk) {
    return AgentJvm.named(name)
        .receiver(otlp)
        .sdk(sdk)
        .mainClass(LangChain4jApp.class)
        .args(provider.baseUrl());
  }

  /** Each scenario runs with Baggage user.id = the scenario's name, so its spans can be found. */
  private static List<String> tagged(List<String> scenarios) {
    List<String> out = new ArrayList<>();
    for (String scenario : scenarios) {
      out.add("baggage:" + scenario + ":session-" + scenario + ":" + scenario);
    }
    return out;
  }

  private static Map<String, List<ReceivedSpan>> byUser(List<ReceivedSpan> spans) {
    return spans.stream()
        .filter(s -> s.attributes().containsKey("user.id"))
        .collect(Collectors.groupingBy(s -> (String) s.attribute("user.id")));
  }

  private List<ReceivedSpan> runTagged(String sdk, List<String> scenarios, int expectedSpans) {
    app("langchain4j-ext-" + sdk, sdk).args(tagged(scenarios)).run(RUN_TIMEOUT).requireSuccess();
    List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, expectedSpans, AWAIT);
    assertThat(spans).hasSize(expectedSpans);
    GenAiSpans.assertOneGenAiSpanPerTrace(otlp.spans());
    assertThat(spans)
        .allSatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo("CLIENT");
              assertThat(s.scopeName()).isEqualTo(SCOPE);
            });
    return spans;
  }

  @ParameterizedTest(name = "langchain4j-open-ai {0}")
  @ValueSource(strings = {"oldest", "newest"})
  void everyOpenAiModelCallBecomesOnePricedSpan(String version) {
    String sdk = version.equals("oldest") ? Sdk.LANGCHAIN4J_OLDEST : Sdk.LANGCHAIN4J_NEWEST;
    // One span per scenario, two for the AI Service (tool call, then answer).
    List<ReceivedSpan> spans = runTagged(sdk, LangChain4jApp.OPENAI_SCENARIOS, 6);
    assertThat(spans)
        .allSatisfy(s -> assertThat(s.attribute("gen_ai.provider.name")).isEqualTo("openai"));
    Map<String, List<ReceivedSpan>> span = byUser(spans);

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

    double spanCosts =
        spans.stream()
            .filter(s -> s.attributes().containsKey("tokenmeter.cost.usd"))
            .mapToDouble(GenAiSpans::cost)
            .sum();
    otlp.awaitPoints(p -> p.metricName().equals("tokenmeter.client.cost"), 1, AWAIT);
    otlp.awaitPoints(p -> p.metricName().equals("gen_ai.client.token.usage"), 1, AWAIT);
    assertThat(
            GenAiSpans.counterTotal(
                otlp.latestPoints(),
                "tokenmeter.client.cost",
                Map.of("gen_ai.provider.name", "openai")))
        .isCloseTo(spanCosts, within(1e-9));
  }

  @ParameterizedTest(name = "langchain4j-anthropic {0}")
  @ValueSource(strings = {"oldest", "newest"})
  void everyAnthropicModelCallBecomesOnePricedSpanWithCacheTokens(String version) {
    String sdk =
        version.equals("oldest") ? Sdk.LANGCHAIN4J_ANTHROPIC_OLDEST : Sdk.LANGCHAIN4J_NEWEST;
    List<ReceivedSpan> spans = runTagged(sdk, LangChain4jApp.ANTHROPIC_SCENARIOS, 4);
    assertThat(spans)
        .allSatisfy(s -> assertThat(s.attribute("gen_ai.provider.name")).isEqualTo("anthropic"));
    Map<String, List<ReceivedSpan>> span = byUser(spans);

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
    List<ReceivedSpan> spans = runTagged(Sdk.LANGCHAIN4J_NEWEST, List.of("anthropic-chat"), 1);
    assertThat(spans.get(0).attribute("error.type")).isEqualTo("429");
    assertThat(spans.get(0).statusCode()).isEqualTo("ERROR");
  }

  @ParameterizedTest(name = "langchain4j {0}")
  @ValueSource(strings = {"oldest", "newest"})
  void appSeesTheSameResultsAndErrorsAsWithoutTheAgent(String version) {
    boolean oldest = version.equals("oldest");
    String sdk = oldest ? Sdk.LANGCHAIN4J_OLDEST : Sdk.LANGCHAIN4J_NEWEST;
    List<String> scenarios = new ArrayList<>(LangChain4jApp.OPENAI_SCENARIOS);
    if (!oldest) {
      scenarios.addAll(LangChain4jApp.ANTHROPIC_SCENARIOS);
    }
    AgentJvm.Result plain =
        AgentJvm.named("langchain4j-plain-" + sdk)
            .withoutAgent()
            .sdk(sdk)
            .mainClass(LangChain4jApp.class)
            .args(provider.baseUrl())
            .args(scenarios)
            .run(RUN_TIMEOUT)
            .requireSuccess();
    AgentJvm.Result withUs =
        app("langchain4j-compare-" + sdk, sdk).args(scenarios).run(RUN_TIMEOUT).requireSuccess();

    assertThat(Outcome.maskIds(plain.results()).keySet()).containsExactlyElementsOf(scenarios);
    assertThat(Outcome.maskIds(withUs.results())).isEqualTo(Outcome.maskIds(plain.results()));
    assertThat(plain.result("openai-error-429")).contains("EXCEPTION").contains("429");
    assertThat(plain.result("openai-agent")).contains("answer=");
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
