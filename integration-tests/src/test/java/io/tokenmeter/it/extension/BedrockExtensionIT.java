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
import io.tokenmeter.it.apps.BedrockApp;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Amazon Bedrock (AWS SDK bedrockruntime) under the real agent with the extension: the agent's own
 * aws-sdk-2.2 GenAI spans get cost, attribution and Converse cache tokens from us, and no second
 * span.
 */
@ExtendWith(ChildJvmLogsOnFailure.class)
class BedrockExtensionIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration AWAIT = Duration.ofSeconds(30);
  private static final String AGENT_SCOPE = "io.opentelemetry.aws-sdk-2.2";

  /** claude-3-5-haiku on Bedrock: 500 input x $0.80 + 40 output x $4.00, per million. */
  private static final FakeUsage USAGE = new FakeUsage(500, 0, 0, 40, 0);

  private static final double COST = 0.00056;

  @RegisterExtension final LlmBackends backends = new LlmBackends();
  private FakeLlmProvider provider;
  private OtlpReceiver otlp;

  @BeforeEach
  void start() {
    provider = backends.provider();
    provider.setUsage(BedrockApp.MODEL, USAGE);
    otlp = backends.otlp();
  }

  private AgentJvm app(String name) {
    return AgentJvm.named(name)
        .receiver(otlp)
        .sdk(Sdk.BEDROCKRUNTIME)
        .mainClass(BedrockApp.class)
        .args(provider.baseUrl());
  }

  @Test
  void theAgentsBedrockSpansArePricedAttributedAndCarryCacheTokens() {
    List<String> tagged = new ArrayList<>();
    for (String scenario : BedrockApp.SCENARIOS) {
      tagged.add("baggage:" + scenario + ":session-" + scenario + ":" + scenario);
    }
    app("bedrock-ext").args(tagged).run(RUN_TIMEOUT).requireSuccess();

    int expected = BedrockApp.SCENARIOS.size();
    List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, expected, AWAIT);
    assertThat(spans).hasSize(expected);
    GenAiSpans.assertOneGenAiSpanPerTrace(otlp.spans());
    assertThat(spans)
        .allSatisfy(
            s -> {
              assertThat(s.scopeName()).isEqualTo(AGENT_SCOPE);
              assertThat(s.attribute("gen_ai.provider.name")).isEqualTo("aws.bedrock");
              assertThat(s.attribute("gen_ai.request.model")).isEqualTo(BedrockApp.MODEL);
            });
    Map<String, ReceivedSpan> span = GenAiSpans.byUser(spans);

    ReceivedSpan converse = span.get("converse");
    assertThat(longAttr(converse, "gen_ai.usage.input_tokens")).isEqualTo(500);
    assertThat(longAttr(converse, "gen_ai.usage.output_tokens")).isEqualTo(40);
    assertThat(cost(converse)).isCloseTo(COST, within(1e-12));
    assertThat(converse.attribute("tokenmeter.pricing.model"))
        .isEqualTo("anthropic/claude-3-5-haiku");
    assertThat(converse.attribute("session.id")).isEqualTo("session-converse");

    ReceivedSpan cached = span.get("converse-cache");
    // Bedrock's inputTokens (200) excludes the cache; the span carries all input tokens.
    assertThat(longAttr(cached, "gen_ai.usage.input_tokens")).isEqualTo(1500);
    assertThat(longAttr(cached, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(1000);
    assertThat(longAttr(cached, "gen_ai.usage.cache_creation.input_tokens")).isEqualTo(300);
    // 200 x $0.80 + 1000 x $0.08 + 300 x $1.00 + 200 x $4.00, per million.
    assertThat(cost(cached)).isCloseTo(0.00134, within(1e-12));

    ReceivedSpan stream = span.get("converse-stream");
    assertThat(longAttr(stream, "gen_ai.usage.input_tokens")).isEqualTo(500);
    assertThat(longAttr(stream, "gen_ai.usage.output_tokens")).isEqualTo(40);
    assertThat(cost(stream)).isCloseTo(COST, within(1e-12));

    ReceivedSpan error = span.get("error-429");
    assertThat(error.statusCode()).isEqualTo("ERROR");
    assertThat(error.attribute("error.type")).isEqualTo("429");
    assertThat(error.attributes()).doesNotContainKey("tokenmeter.cost.usd");
  }

  @Test
  void appSeesTheSameResultsAndErrorsAsWithoutTheAgent() {
    List<String> scenarios = BedrockApp.SCENARIOS;
    AgentJvm.Result plain =
        AgentJvm.named("bedrock-plain")
            .withoutAgent()
            .sdk(Sdk.BEDROCKRUNTIME)
            .mainClass(BedrockApp.class)
            .args(provider.baseUrl())
            .args(scenarios)
            .run(RUN_TIMEOUT)
            .requireSuccess();
    AgentJvm.Result withUs =
        app("bedrock-compare").args(scenarios).run(RUN_TIMEOUT).requireSuccess();

    assertThat(Outcome.maskIds(plain.results()).keySet()).containsExactlyElementsOf(scenarios);
    assertThat(Outcome.maskIds(withUs.results())).isEqualTo(Outcome.maskIds(plain.results()));
    assertThat(plain.result("error-429")).contains("EXCEPTION").contains("429");
    assertThat(plain.result("converse-cache")).contains("usage=200/1000/300/200");
    assertThat(plain.result("converse-stream")).contains("usage=500/null/null/40");
  }
}
