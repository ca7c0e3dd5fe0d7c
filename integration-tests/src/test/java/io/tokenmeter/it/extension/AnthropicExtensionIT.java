/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.extension;

import static io.tokenmeter.it.extension.GenAiSpans.cost;
import static io.tokenmeter.it.extension.GenAiSpans.longAttr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenmeter.it.apps.AnthropicApp;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import java.util.List;
import java.util.Map;

/**
 * anthropic-java under the real agent with the extension: 2.0.0 gets our span, 3.12.0 traces itself
 * and we price and attribute its span. Either way exactly one GenAI span per call.
 */
class AnthropicExtensionIT extends AbstractSdkExtensionIT {
  AnthropicExtensionIT() {
    super(AnthropicApp.class, "anthropic");
  }

  @Override
  List<SdkVersion> versions() {
    return oldestAndNewest(Sdk.ANTHROPIC_OLDEST, Sdk.ANTHROPIC_NEWEST, AnthropicApp.SCENARIOS);
  }

  @Override
  Map<String, List<String>> outcomesWithoutTheAgent() {
    return Map.of("error-429", List.of("EXCEPTION"));
  }

  @Override
  List<PricedRun> pricedRuns() {
    return List.of(
        pricedRun(Sdk.ANTHROPIC_OLDEST, "io.tokenmeter.anthropic-java"),
        pricedRun(Sdk.ANTHROPIC_NEWEST, "com.anthropic.sdk.java"));
  }

  /** Every scenario tagged, and "message" untagged: metadata.user_id must attribute it. */
  private static PricedRun pricedRun(String sdk, String scope) {
    return PricedRun.of(
            "anthropic-java", sdk, AnthropicApp.SCENARIOS, AnthropicApp.SCENARIOS.size() + 1)
        .untagged("message")
        .scope(scope)
        .everySpan("gen_ai.provider.name", "anthropic")
        .everySpan("server.address", "127.0.0.1")
        .costCounter(Map.of("gen_ai.provider.name", "anthropic"));
  }

  @Override
  void assertPricedSpans(PricedRun run, List<ReceivedSpan> spans) {
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
  }
}
