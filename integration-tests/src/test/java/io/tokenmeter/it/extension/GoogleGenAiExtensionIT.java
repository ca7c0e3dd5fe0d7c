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
import io.tokenmeter.it.apps.GoogleGenAiApp;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import java.util.List;
import java.util.Map;

/** The Google GenAI SDK (Gemini API) under the real agent with the extension, oldest and newest. */
class GoogleGenAiExtensionIT extends AbstractSdkExtensionIT {
  private static final String SCOPE = "io.tokenmeter.google-genai";

  /** 1000 prompt tokens (400 cached), 300 output of which 100 are thoughts. */
  private static final FakeUsage USAGE = new FakeUsage(1000, 400, 0, 300, 100);

  /** gemini-2.5-flash: 600 x $0.30 + 400 cached x $0.03 + 300 output x $2.50, per million. */
  private static final double COST = 0.000942;

  GoogleGenAiExtensionIT() {
    super(GoogleGenAiApp.class, "google-genai");
  }

  @Override
  void configure(FakeLlmProvider provider) {
    provider.setUsage(GoogleGenAiApp.MODEL, USAGE);
  }

  @Override
  List<SdkVersion> versions() {
    return oldestAndNewest(
        Sdk.GOOGLE_GENAI_OLDEST, Sdk.GOOGLE_GENAI_NEWEST, GoogleGenAiApp.SCENARIOS);
  }

  @Override
  Map<String, List<String>> outcomesWithoutTheAgent() {
    return Map.of(
        "error-429", List.of("EXCEPTION", "429"), "generate", List.of("usage=1000/400/200/100"));
  }

  @Override
  List<PricedRun> pricedRuns() {
    return List.of(pricedRun(Sdk.GOOGLE_GENAI_OLDEST), pricedRun(Sdk.GOOGLE_GENAI_NEWEST));
  }

  private static PricedRun pricedRun(String sdk) {
    return PricedRun.of(
            "google-genai", sdk, GoogleGenAiApp.SCENARIOS, GoogleGenAiApp.SCENARIOS.size())
        .scope(SCOPE)
        .everySpan("gen_ai.provider.name", "gcp.gemini")
        .everySpan("server.address", "127.0.0.1")
        .costCounter(Map.of("gen_ai.provider.name", "gcp.gemini"));
  }

  @Override
  void assertPricedSpans(PricedRun run, List<ReceivedSpan> spans) {
    assertThat(spans)
        .allSatisfy(s -> assertThat(s.attribute("server.port")).isEqualTo((long) provider.port()));
    Map<String, ReceivedSpan> span = GenAiSpans.byUser(spans);

    for (String priced : List.of("generate", "generate-async", "generate-stream")) {
      ReceivedSpan s = span.get(priced);
      assertThat(s).as(priced).isNotNull();
      assertThat(s.name()).isEqualTo("generate_content gemini-2.5-flash");
      assertThat(s.attribute("gen_ai.response.model")).as(priced).isEqualTo("gemini-2.5-flash");
      assertThat(longAttr(s, "gen_ai.usage.input_tokens")).as(priced).isEqualTo(1000);
      assertThat(longAttr(s, "gen_ai.usage.cache_read.input_tokens")).as(priced).isEqualTo(400);
      assertThat(longAttr(s, "gen_ai.usage.output_tokens")).as(priced).isEqualTo(300);
      assertThat(longAttr(s, "gen_ai.usage.reasoning.output_tokens")).as(priced).isEqualTo(100);
      assertThat(cost(s)).as(priced).isCloseTo(COST, within(1e-12));
      assertThat(s.attribute("tokenmeter.pricing.model")).isEqualTo("gcp.gemini/gemini-2.5-flash");
      assertThat(s.attribute("gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));
      assertThat(s.attribute("session.id")).isEqualTo("session-" + priced);
    }
    ReceivedSpan stream = span.get("generate-stream");
    assertThat(stream.attribute("gen_ai.request.stream")).isEqualTo(true);
    assertThat((Double) stream.attribute("gen_ai.response.time_to_first_chunk")).isPositive();

    ReceivedSpan embed = span.get("embed");
    assertThat(embed.name()).isEqualTo("embeddings gemini-embedding-001");
    // The SDK's embedding response has no token counts: recorded as missing, never as zero.
    assertThat(embed.attribute("tokenmeter.usage.missing")).isEqualTo(true);

    ReceivedSpan error = span.get("error-429");
    assertThat(error.attribute("error.type")).isEqualTo("429");
    assertThat(error.statusCode()).isEqualTo("ERROR");
  }
}
