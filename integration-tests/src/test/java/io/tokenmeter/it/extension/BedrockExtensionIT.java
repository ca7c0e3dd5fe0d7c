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
import io.tokenmeter.it.apps.BedrockApp;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import java.util.List;
import java.util.Map;

/**
 * Amazon Bedrock (AWS SDK bedrockruntime) under the real agent with the extension: the agent's own
 * aws-sdk-2.2 GenAI spans get cost, attribution and Converse cache tokens from us, and no second
 * span.
 */
class BedrockExtensionIT extends AbstractSdkExtensionIT {
  private static final String AGENT_SCOPE = "io.opentelemetry.aws-sdk-2.2";

  /** claude-3-5-haiku on Bedrock: 500 input x $0.80 + 40 output x $4.00, per million. */
  private static final FakeUsage USAGE = new FakeUsage(500, 0, 0, 40, 0);

  private static final double COST = 0.00056;

  BedrockExtensionIT() {
    super(BedrockApp.class, "bedrock");
  }

  @Override
  void configure(FakeLlmProvider provider) {
    provider.setUsage(BedrockApp.MODEL, USAGE);
  }

  @Override
  List<SdkVersion> versions() {
    return List.of(new SdkVersion(Sdk.BEDROCKRUNTIME, BedrockApp.SCENARIOS));
  }

  @Override
  Map<String, List<String>> outcomesWithoutTheAgent() {
    return Map.of(
        "error-429", List.of("EXCEPTION", "429"),
        "converse-cache", List.of("usage=200/1000/300/200"),
        "converse-stream", List.of("usage=500/null/null/40"));
  }

  /** The agent's own Bedrock spans, priced, attributed and with cache tokens. */
  @Override
  List<PricedRun> pricedRuns() {
    return List.of(
        PricedRun.of(
                "bedrockruntime",
                Sdk.BEDROCKRUNTIME,
                BedrockApp.SCENARIOS,
                BedrockApp.SCENARIOS.size())
            .anyKind()
            .scope(AGENT_SCOPE)
            .everySpan("gen_ai.provider.name", "aws.bedrock")
            .everySpan("gen_ai.request.model", BedrockApp.MODEL));
  }

  @Override
  void assertPricedSpans(PricedRun run, List<ReceivedSpan> spans) {
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
}
