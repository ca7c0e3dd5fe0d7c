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
import io.tokenmeter.it.apps.GoogleGenAiApp;
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

/** The Google GenAI SDK (Gemini API) under the real agent with the extension, oldest and newest. */
@ExtendWith(ChildJvmLogsOnFailure.class)
class GoogleGenAiExtensionIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration AWAIT = Duration.ofSeconds(30);
  private static final String SCOPE = "io.tokenmeter.google-genai";

  /** 1000 prompt tokens (400 cached), 300 output of which 100 are thoughts. */
  private static final FakeUsage USAGE = new FakeUsage(1000, 400, 0, 300, 100);

  /** gemini-2.5-flash: 600 x $0.30 + 400 cached x $0.03 + 300 output x $2.50, per million. */
  private static final double COST = 0.000942;

  @RegisterExtension final LlmBackends backends = new LlmBackends();
  private FakeLlmProvider provider;
  private OtlpReceiver otlp;

  @BeforeEach
  void start() {
    provider = backends.provider();
    provider.setUsage(GoogleGenAiApp.MODEL, USAGE);
    otlp = backends.otlp();
  }

  private AgentJvm app(String name, String sdk) {
    return AgentJvm.named(name)
        .receiver(otlp)
        .sdk(sdk)
        .mainClass(GoogleGenAiApp.class)
        .args(provider.baseUrl());
  }

  private static String sdk(String version) {
    return version.equals("oldest") ? Sdk.GOOGLE_GENAI_OLDEST : Sdk.GOOGLE_GENAI_NEWEST;
  }

  @ParameterizedTest(name = "google-genai {0}")
  @ValueSource(strings = {"oldest", "newest"})
  void everyCallBecomesOnePricedClientSpan(String version) {
    String sdk = sdk(version);
    List<String> tagged = new ArrayList<>();
    for (String scenario : GoogleGenAiApp.SCENARIOS) {
      tagged.add("baggage:" + scenario + ":session-" + scenario + ":" + scenario);
    }
    app("google-genai-ext-" + sdk, sdk).args(tagged).run(RUN_TIMEOUT).requireSuccess();

    int expected = GoogleGenAiApp.SCENARIOS.size();
    List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, expected, AWAIT);
    assertThat(spans).hasSize(expected);
    GenAiSpans.assertOneGenAiSpanPerTrace(otlp.spans());
    assertThat(spans)
        .allSatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo("CLIENT");
              assertThat(s.scopeName()).isEqualTo(SCOPE);
              assertThat(s.attribute("gen_ai.provider.name")).isEqualTo("gcp.gemini");
              assertThat(s.attribute("server.address")).isEqualTo("127.0.0.1");
              assertThat(s.attribute("server.port")).isEqualTo((long) provider.port());
            });
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

    double spanCosts =
        spans.stream()
            .filter(s -> s.attributes().containsKey("tokenmeter.cost.usd"))
            .mapToDouble(GenAiSpans::cost)
            .sum();
    otlp.awaitPoints(p -> p.metricName().equals("tokenmeter.client.cost"), 1, AWAIT);
    assertThat(
            GenAiSpans.counterTotal(
                otlp.latestPoints(),
                "tokenmeter.client.cost",
                Map.of("gen_ai.provider.name", "gcp.gemini")))
        .isCloseTo(spanCosts, within(1e-9));
  }

  @ParameterizedTest(name = "google-genai {0}")
  @ValueSource(strings = {"oldest", "newest"})
  void appSeesTheSameResultsAndErrorsAsWithoutTheAgent(String version) {
    String sdk = sdk(version);
    List<String> scenarios = GoogleGenAiApp.SCENARIOS;
    AgentJvm.Result plain =
        AgentJvm.named("google-genai-plain-" + sdk)
            .withoutAgent()
            .sdk(sdk)
            .mainClass(GoogleGenAiApp.class)
            .args(provider.baseUrl())
            .args(scenarios)
            .run(RUN_TIMEOUT)
            .requireSuccess();
    AgentJvm.Result withUs =
        app("google-genai-compare-" + sdk, sdk).args(scenarios).run(RUN_TIMEOUT).requireSuccess();

    assertThat(Outcome.maskIds(plain.results()).keySet()).containsExactlyElementsOf(scenarios);
    assertThat(Outcome.maskIds(withUs.results())).isEqualTo(Outcome.maskIds(plain.results()));
    assertThat(plain.result("error-429")).contains("EXCEPTION").contains("429");
    assertThat(plain.result("generate")).contains("usage=1000/400/200/100");
  }
}
