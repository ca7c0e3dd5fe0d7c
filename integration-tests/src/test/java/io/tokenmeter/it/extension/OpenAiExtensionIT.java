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
import io.tokenmeter.it.apps.OpenAiApp;
import io.tokenmeter.it.apps.Outcome;
import io.tokenmeter.it.jvm.AgentJvm;
import io.tokenmeter.it.jvm.ChildJvmLogsOnFailure;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.it.otlp.OtlpReceiver;
import io.tokenmeter.it.otlp.ReceivedSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** openai-java under the real agent with the Tokenmeter extension, on the oldest and newest SDK. */
@ExtendWith(ChildJvmLogsOnFailure.class)
class OpenAiExtensionIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration AWAIT = Duration.ofSeconds(30);
  private static final String SCOPE = "io.tokenmeter.openai-java";

  @RegisterExtension final LlmBackends backends = new LlmBackends();
  private FakeLlmProvider provider;
  private OtlpReceiver otlp;

  @BeforeEach
  void start() {
    provider = backends.provider();
    otlp = backends.otlp();
  }

  private AgentJvm app(String name, String sdk) {
    return AgentJvm.named(name)
        .receiver(otlp)
        .sdk(sdk)
        .mainClass(OpenAiApp.class)
        .args(provider.baseUrl());
  }

  /** Each scenario runs with Baggage user.id = the scenario's name, so its span can be found. */
  private static List<String> tagged(List<String> scenarios) {
    List<String> out = new ArrayList<>();
    for (String scenario : scenarios) {
      out.add("baggage:" + scenario + ":session-" + scenario + ":" + scenario);
    }
    return out;
  }

  @ParameterizedTest(name = "openai-java {0}")
  @ValueSource(strings = {"oldest", "newest"})
  void everyCallBecomesOnePricedClientSpan(String version) {
    String sdk = sdk(version);
    List<String> scenarios = new ArrayList<>(tagged(OpenAiApp.SCENARIOS));
    scenarios.add("chat"); // untagged: the request's own user field must attribute it
    app("openai-ext-" + sdk, sdk).args(scenarios).run(RUN_TIMEOUT).requireSuccess();

    List<ReceivedSpan> spans =
        otlp.awaitSpans(GenAiSpans::isGenAi, OpenAiApp.SCENARIOS.size() + 1, AWAIT);
    assertThat(spans).hasSize(OpenAiApp.SCENARIOS.size() + 1);
    GenAiSpans.assertOneGenAiSpanPerTrace(otlp.spans());
    assertThat(spans)
        .allSatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo("CLIENT");
              assertThat(s.scopeName()).isEqualTo(SCOPE);
              assertThat(s.attribute("gen_ai.provider.name")).isEqualTo("openai");
              assertThat(s.attribute("server.address")).isEqualTo("127.0.0.1");
              assertThat(s.attribute("server.port")).isEqualTo((long) provider.port());
            });
    Map<String, ReceivedSpan> span = GenAiSpans.byUser(spans);

    ReceivedSpan exact = span.get("chat-usage-1200");
    assertThat(exact.name()).isEqualTo("chat gpt-4o-mini");
    assertThat(exact.attribute("gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(longAttr(exact, "gen_ai.usage.input_tokens")).isEqualTo(1200);
    assertThat(longAttr(exact, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(200);
    assertThat(longAttr(exact, "gen_ai.usage.output_tokens")).isEqualTo(300);
    // 1000 uncached x $0.15 + 200 cached x $0.075 + 300 output x $0.60, per million tokens.
    assertThat(cost(exact)).isCloseTo(0.000345, within(1e-12));
    assertThat(exact.attribute("tokenmeter.pricing.model")).isEqualTo("openai/gpt-4o-mini");
    assertThat(exact.attribute("session.id")).isEqualTo("session-chat-usage-1200");
    assertThat(exact.attribute("gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));

    for (String priced :
        List.of(
            "chat",
            "chat-async",
            "chat-stream-usage",
            "responses",
            "responses-stream",
            "embeddings")) {
      ReceivedSpan s = span.get(priced);
      assertThat(s).as(priced).isNotNull();
      assertThat(longAttr(s, "gen_ai.usage.input_tokens")).as(priced).isPositive();
      assertThat(cost(s)).as(priced).isPositive();
    }
    assertThat(span.get("responses").name()).isEqualTo("chat gpt-4o-mini");
    assertThat(span.get("embeddings").attribute("gen_ai.operation.name")).isEqualTo("embeddings");
    assertThat(span.get("embeddings").attribute("tokenmeter.pricing.model"))
        .isEqualTo("openai/text-embedding-3-small");

    ReceivedSpan noUsage = span.get("chat-stream");
    assertThat(noUsage.attribute("tokenmeter.usage.missing")).isEqualTo(true);
    assertThat(noUsage.attributes())
        .doesNotContainKeys("gen_ai.usage.input_tokens", "tokenmeter.cost.usd");
    assertThat(noUsage.attribute("gen_ai.request.stream")).isEqualTo(true);
    assertThat((Double) noUsage.attribute("gen_ai.response.time_to_first_chunk")).isPositive();

    assertThat(span.get("error-429").attribute("error.type")).isEqualTo("429");
    assertThat(span.get("error-429").statusCode()).isEqualTo("ERROR");
    assertThat(span.get("error-500").attribute("error.type")).isEqualTo("500");
    assertThat(span.get("cut-stream").statusCode()).isEqualTo("ERROR");
    assertThat(span.get("cut-stream").attributes()).containsKey("error.type");

    ReceivedSpan untagged = span.get("u-request");
    assertThat(untagged).as("span attributed to the request's user field").isNotNull();
    assertThat(untagged.attribute("tokenmeter.request.user")).isEqualTo("u-request");

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

  @ParameterizedTest(name = "openai-java {0}")
  @ValueSource(strings = {"oldest", "newest"})
  void appSeesTheSameResultsAndErrorsAsWithoutTheAgent(String version) {
    String sdk = sdk(version);
    List<String> scenarios = OpenAiApp.SCENARIOS;
    AgentJvm.Result plain =
        AgentJvm.named("openai-plain-" + sdk)
            .withoutAgent()
            .sdk(sdk)
            .mainClass(OpenAiApp.class)
            .args(provider.baseUrl())
            .args(scenarios)
            .run(RUN_TIMEOUT)
            .requireSuccess();
    AgentJvm.Result withUs =
        app("openai-compare-" + sdk, sdk).args(scenarios).run(RUN_TIMEOUT).requireSuccess();

    assertThat(Outcome.maskIds(plain.results()).keySet()).containsExactlyElementsOf(scenarios);
    assertThat(Outcome.maskIds(withUs.results())).isEqualTo(Outcome.maskIds(plain.results()));
    assertThat(plain.result("error-429")).contains("EXCEPTION");
  }

  @Test
  void givesWayToTheBuiltInInstrumentationWhenAUserReEnablesIt() {
    app("openai-builtin-on", Sdk.OPENAI_NEWEST)
        .sysprop("otel.instrumentation.openai-java.enabled", "true")
        .args(tagged(List.of("chat-usage-1200")))
        .run(RUN_TIMEOUT)
        .requireSuccess();

    List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, 1, AWAIT);
    GenAiSpans.assertOneGenAiSpanPerTrace(otlp.spans());
    assertThat(spans).hasSize(1);
    ReceivedSpan builtIn = spans.get(0);
    assertThat(builtIn.scopeName()).isEqualTo("io.opentelemetry.openai-java-1.1");
    // Priced by the same span processor, from the tokens the built-in one reports (no cache
    // detail).
    assertThat(builtIn.attribute("tokenmeter.pricing.model")).isEqualTo("openai/gpt-4o-mini");
    assertThat(cost(builtIn)).isCloseTo(1200 * 0.15e-6 + 300 * 0.60e-6, within(1e-12));
  }

  /**
   * Tokenmeter off is the agent without us, wherever it is turned off: the agent's own openai-java
   * instrumentation makes the span, and nothing of ours is on it.
   */
  @ParameterizedTest(name = "turned off by {0}")
  @ValueSource(strings = {"system property", "environment variable", "agent configuration file"})
  void turnedOffLeavesTheAgentsBuiltInOpenAiInstrumentationOn(String source, @TempDir Path dir)
      throws IOException {
    AgentJvm app = app("openai-tokenmeter-off", Sdk.OPENAI_NEWEST);
    switch (source) {
      case "system property" -> app.sysprop("otel.instrumentation.tokenmeter.enabled", "false");
      case "environment variable" -> app.env("OTEL_INSTRUMENTATION_TOKENMETER_ENABLED", "false");
      default -> {
        Path file =
            Files.writeString(
                dir.resolve("agent.properties"), "otel.instrumentation.tokenmeter.enabled=false\n");
        app.sysprop("otel.javaagent.configuration-file", file.toString());
      }
    }
    app.args(tagged(List.of("chat-usage-1200"))).run(RUN_TIMEOUT).requireSuccess();

    List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, 1, AWAIT);
    GenAiSpans.assertOneGenAiSpanPerTrace(otlp.spans());
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).scopeName()).isEqualTo("io.opentelemetry.openai-java-1.1");
    assertThat(otlp.spans())
        .allSatisfy(
            s -> {
              assertThat(s.scopeName()).doesNotStartWith("io.tokenmeter");
              assertThat(s.attributes())
                  .doesNotContainKeys("tokenmeter.cost.usd", "tokenmeter.pricing.model");
            });
  }

  private static String sdk(String version) {
    return version.equals("oldest") ? Sdk.OPENAI_OLDEST : Sdk.OPENAI_NEWEST;
  }
}
