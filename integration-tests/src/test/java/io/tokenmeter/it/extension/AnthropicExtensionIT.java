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
import io.tokenmeter.it.apps.AnthropicApp;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * anthropic-java under the real agent with the extension: 2.0.0 gets our span, 3.12.0 traces itself
 * and we price and attribute its span. Either way exactly one GenAI span per call.
 */
@ExtendWith(ChildJvmLogsOnFailure.class)
class AnthropicExtensionIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration AWAIT = Duration.ofSeconds(30);

  @RegisterExtension final LlmBackends backends = new LlmBackends();
  private FakeLlmProvider provider;
  private OtlpReceiver otlp;

  @BeforeEach
  void start() {
    provider = backends.provider();
    otlp = backends.otlp();
  }

  private static String sdk(String version) {
    return version.equals("oldest") ? Sdk.ANTHROPIC_OLDEST : Sdk.ANTHROPIC_NEWEST;
  }

  @ParameterizedTest(name = "anthropic-java {0}")
  @ValueSource(strings = {"oldest", "newest"})
  void everyCallIsOnePricedSpanWithCacheTokens(String version) {
    String sdk = sdk(version);
    List<String> scenarios = new ArrayList<>();
    for (String scenario : AnthropicApp.SCENARIOS) {
      scenarios.add("baggage:" + scenario + ":session-" + scenario + ":" + scenario);
    }
    scenarios.add("message"); // untagged: metadata.user_id must attribute it
    AgentJvm.named("anthropic-ext-" + sdk)
        .receiver(otlp)
        .sdk(sdk)
        .mainClass(AnthropicApp.class)
        .args(provider.baseUrl())
        .args(scenarios)
        .run(RUN_TIMEOUT)
        .requireSuccess();

    int calls = AnthropicApp.SCENARIOS.size() + 1;
    List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, calls, AWAIT);
    assertThat(spans).hasSize(calls);
    GenAiSpans.assertOneGenAiSpanPerTrace(otlp.spans());
    boolean native3 = version.equals("newest");
    assertThat(spans)
        .allSatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo("CLIENT");
              assertThat(s.attribute("gen_ai.provider.name")).isEqualTo("anthropic");
              assertThat(s.scopeName())
                  .isEqualTo(native3 ? "com.anthropic.sdk.java" : "io.tokenmeter.anthropic-java");
              assertThat(s.attribute("server.address")).isEqualTo("127.0.0.1");
            });
    Map<String, ReceivedSpan> span = GenAiSpans.byUser(spans);

    ReceivedSpan cached = span.get("message-cache");
    assertThat(longAttr(cached, "gen_ai.usage.input_tokens")).isEqualTo(1500);
    assertThat(longAttr(cached, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(1000);
    assertThat(longAttr(cached, "gen_ai.usage.cache_creation.input_tokens")).isEqualTo(300);
    assertThat(longAttr(cached, "gen_ai.usage.output_tokens")).isEqualTo(200);
    // 200 uncached x $3 + 1000 read x $0.30 + 300 written x $3.75 + 200 output x $15, per million.
    assertThat(cost(cached)).isCloseTo(0.005025, within(1e-12));
    assertThat(cached.attribute("tokenmeter.cost.cache_write_usd")).isEqualTo(0.001125);
    assertThat(cached.attribute("tokenmeter.pricing.model"))
        .isEqualTo("anthropic/claude-sonnet-4-5");
    assertThat(cached.attribute("session.id")).isEqualTo("session-message-cache");

    for (String priced : List.of("message", "message-async", "message-stream")) {
      assertThat(longAttr(span.get(priced), "gen_ai.usage.output_tokens")).as(priced).isPositive();
      assertThat(cost(span.get(priced))).as(priced).isPositive();
    }
    assertThat(span.get("error-429").statusCode()).isEqualTo("ERROR");
    assertThat(span.get("error-429").attributes()).containsKey("error.type");
    assertThat(span.get("error-529").statusCode()).isEqualTo("ERROR");
    assertThat(span.get("u-request")).as("span attributed to metadata.user_id").isNotNull();

    double spanCosts =
        spans.stream()
            .filter(s -> s.attributes().containsKey("tokenmeter.cost.usd"))
            .mapToDouble(GenAiSpans::cost)
            .sum();
    otlp.awaitPoints(p -> p.metricName().equals("tokenmeter.client.cost"), 1, AWAIT);
    otlp.awaitPoints(
        p ->
            p.metricName().equals("gen_ai.client.token.usage")
                && "anthropic".equals(p.attribute("gen_ai.provider.name")),
        1,
        AWAIT);
    assertThat(
            GenAiSpans.counterTotal(
                otlp.latestPoints(),
                "tokenmeter.client.cost",
                Map.of("gen_ai.provider.name", "anthropic")))
        .isCloseTo(spanCosts, within(1e-9));
  }

  @ParameterizedTest(name = "anthropic-java {0}")
  @ValueSource(strings = {"oldest", "newest"})
  void appSeesTheSameResultsAndErrorsAsWithoutTheAgent(String version) {
    String sdk = sdk(version);
    AgentJvm.Result plain =
        AgentJvm.named("anthropic-plain-" + sdk)
            .withoutAgent()
            .sdk(sdk)
            .mainClass(AnthropicApp.class)
            .args(provider.baseUrl())
            .args(AnthropicApp.SCENARIOS)
            .run(RUN_TIMEOUT)
            .requireSuccess();
    AgentJvm.Result withUs =
        AgentJvm.named("anthropic-compare-" + sdk)
            .receiver(otlp)
            .sdk(sdk)
            .mainClass(AnthropicApp.class)
            .args(provider.baseUrl())
            .args(AnthropicApp.SCENARIOS)
            .run(RUN_TIMEOUT)
            .requireSuccess();

    assertThat(Outcome.maskIds(plain.results()).keySet())
        .containsExactlyElementsOf(AnthropicApp.SCENARIOS);
    assertThat(Outcome.maskIds(withUs.results())).isEqualTo(Outcome.maskIds(plain.results()));
    assertThat(plain.result("error-429")).contains("EXCEPTION");
  }
}
