/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.extension;

import static io.tokenmeter.it.extension.GenAiSpans.cost;
import static io.tokenmeter.it.extension.GenAiSpans.longAttr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenmeter.it.apps.OpenAiApp;
import io.tokenmeter.it.jvm.AgentJvm;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** openai-java under the real agent with the Tokenmeter extension, on the oldest and newest SDK. */
class OpenAiExtensionIT extends AbstractSdkExtensionIT {
  private static final String SCOPE = "io.tokenmeter.openai-java";
  private static final String BUILT_IN_SCOPE = "io.opentelemetry.openai-java-1.1";

  OpenAiExtensionIT() {
    super(OpenAiApp.class, "openai");
  }

  @Override
  List<SdkVersion> versions() {
    return oldestAndNewest(Sdk.OPENAI_OLDEST, Sdk.OPENAI_NEWEST, OpenAiApp.SCENARIOS);
  }

  @Override
  Map<String, List<String>> outcomesWithoutTheAgent() {
    return Map.of("error-429", List.of("EXCEPTION"));
  }

  @Override
  List<PricedRun> pricedRuns() {
    return List.of(pricedRun(Sdk.OPENAI_OLDEST), pricedRun(Sdk.OPENAI_NEWEST));
  }

  /** Every scenario tagged, and "chat" untagged: the request's own user field attributes it. */
  private static PricedRun pricedRun(String sdk) {
    return PricedRun.of("openai-java", sdk, OpenAiApp.SCENARIOS, OpenAiApp.SCENARIOS.size() + 1)
        .untagged("chat")
        .scope(SCOPE)
        .everySpan("gen_ai.provider.name", "openai")
        .everySpan("server.address", "127.0.0.1")
        .costCounter(Map.of("gen_ai.provider.name", "openai"));
  }

  @Override
  void assertPricedSpans(PricedRun run, List<ReceivedSpan> spans) {
    assertThat(spans)
        .allSatisfy(s -> assertThat(s.attribute("server.port")).isEqualTo((long) provider.port()));
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
  }

  @Test
  void givesWayToTheBuiltInInstrumentationWhenAUserReEnablesIt() {
    app("openai-builtin-on", Sdk.OPENAI_NEWEST)
        .sysprop("otel.instrumentation.openai-java.enabled", "true")
        .args(tagged(List.of("chat-usage-1200")))
        .run(runTimeout())
        .requireSuccess();

    ReceivedSpan builtIn = onlyGenAiSpan();
    assertThat(builtIn.scopeName()).isEqualTo(BUILT_IN_SCOPE);
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
    app.args(tagged(List.of("chat-usage-1200"))).run(runTimeout()).requireSuccess();

    assertThat(onlyGenAiSpan().scopeName()).isEqualTo(BUILT_IN_SCOPE);
    assertThat(otlp.spans())
        .allSatisfy(
            s -> {
              assertThat(s.scopeName()).doesNotStartWith("io.tokenmeter");
              assertThat(s.attributes())
                  .doesNotContainKeys("tokenmeter.cost.usd", "tokenmeter.pricing.model");
            });
  }

  /** Waits for the one GenAI span of a single-call run, after checking it is alone in its trace. */
  private ReceivedSpan onlyGenAiSpan() {
    List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, 1, AWAIT);
    GenAiSpans.assertOneGenAiSpanPerTrace(otlp.spans());
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }
}
