/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.demo.provider.FakeLlmProvider;
import io.tokenmeter.it.apps.AnthropicApp;
import io.tokenmeter.it.apps.OpenAiApp;
import io.tokenmeter.it.apps.Outcome;
import io.tokenmeter.it.jvm.AgentJvm;
import io.tokenmeter.it.jvm.ChildJvmLogsOnFailure;
import io.tokenmeter.it.jvm.RunningJvm;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.testing.otlp.OtlpReceiver;
import io.tokenmeter.testing.otlp.ReceivedPoint;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import io.tokenmeter.testing.otlp.TelemetryReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves the harness with the plain OpenTelemetry javaagent (no Tokenmeter extension): real SDKs in
 * a child JVM, telemetry into {@link OtlpReceiver}, and apps that behave the same with and without
 * the agent.
 */
@ExtendWith(ChildJvmLogsOnFailure.class)
class HarnessSmokeIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration AWAIT = Duration.ofSeconds(20);

  @RegisterExtension final LlmBackends backends = new LlmBackends();
  private FakeLlmProvider provider;
  private OtlpReceiver otlp;

  @BeforeEach
  void start() {
    provider = backends.provider();
    otlp = backends.otlp();
  }

  private AgentJvm app(String name, Class<?> main, String sdk) {
    return app(name, main.getName(), sdk);
  }

  private AgentJvm app(String name, String main, String sdk) {
    return AgentJvm.named(name)
        .withExtension(false)
        .receiver(otlp)
        .sdk(sdk)
        .mainClass(main)
        .args(provider.baseUrl());
  }

  @Test
  void builtInOpenAiInstrumentationMakesGenAiSpansAndTokenMetrics() {
    AgentJvm.Result run =
        app("openai-builtin", OpenAiApp.class, Sdk.OPENAI_NEWEST)
            .args(OpenAiApp.SCENARIOS)
            .run(RUN_TIMEOUT)
            .requireSuccess();

    List<ReceivedSpan> genAi =
        otlp.awaitSpans(s -> s.attributes().containsKey("gen_ai.operation.name"), 1, AWAIT);
    List<ReceivedPoint> tokens =
        otlp.awaitPoints(p -> p.metricName().equals("gen_ai.client.token.usage"), 1, AWAIT);

    report("openai-java " + Sdk.OPENAI_NEWEST + " under the plain agent", run, otlp);
    assertThat(genAi).extracting(ReceivedSpan::scopeName).allMatch(s -> s.contains("openai"));
    assertThat(tokens)
        .extracting(p -> p.attribute("gen_ai.token.type"))
        .contains("input", "output");
  }

  @Test
  void anthropicThreeEmitsItsOwnSpanThroughTheAgent() {
    AgentJvm.Result run =
        app("anthropic-own-span", AnthropicApp.class, Sdk.ANTHROPIC_NEWEST)
            .args(AnthropicApp.SCENARIOS)
            .run(RUN_TIMEOUT)
            .requireSuccess();

    List<ReceivedSpan> own =
        otlp.awaitSpans(s -> s.name().equals("anthropic.messages.create"), 1, AWAIT);

    report("anthropic-java " + Sdk.ANTHROPIC_NEWEST + " under the plain agent", run, otlp);
    assertThat(own).allSatisfy(s -> assertThat(s.attributes()).containsKey("gen_ai.request.model"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "io.tokenmeter.it.apps.OpenAiApp, openai-oldest",
    "io.tokenmeter.it.apps.OpenAiApp, openai-newest",
    "io.tokenmeter.it.apps.AnthropicApp, anthropic-oldest",
    "io.tokenmeter.it.apps.AnthropicApp, anthropic-newest"
  })
  void appPrintsTheSameResultsWithAndWithoutTheAgent(String mainClass, String sdkAlias) {
    String sdk = sdkNamed(sdkAlias);
    List<String> scenarios = scenariosOf(mainClass);

    AgentJvm.Result plain =
        AgentJvm.named("plain-" + sdk)
            .withoutAgent()
            .sdk(sdk)
            .mainClass(mainClass)
            .args(provider.baseUrl())
            .args(scenarios)
            .run(RUN_TIMEOUT)
            .requireSuccess();
    AgentJvm.Result agent =
        app("agent-" + sdk, mainClass, sdk).args(scenarios).run(RUN_TIMEOUT).requireSuccess();

    System.out.println("\n===== RESULT lines on " + sdk + " without the agent =====");
    plain.results().forEach((k, v) -> System.out.println("  " + k + " -> " + v));
    assertThat(plain.results().keySet()).as(plain.describe()).containsExactlyElementsOf(scenarios);
    assertThat(plain.results().values())
        .as(plain.describe())
        .doesNotContain("UNKNOWN-SCENARIO")
        .noneMatch(v -> v.contains("InvalidDataException"));
    assertThat(Outcome.maskIds(agent.results()))
        .as(agent.describe())
        .isEqualTo(Outcome.maskIds(plain.results()));
  }

  @Test
  void serverModeMakesTheServerSpanTheLocalRootAndExtractsBaggage() throws Exception {
    try (RunningJvm server =
        app("openai-server", OpenAiApp.class, Sdk.OPENAI_NEWEST).args("server").start()) {
      int port =
          Integer.parseInt(server.readLineMatching("LISTENING (\\d+)", RUN_TIMEOUT).group(1));
      HttpClient http = HttpClient.newHttpClient();

      String baggage = get(http, port, "baggage", "user.id=alice,session.id=s-42");
      String chat = get(http, port, "chat", "user.id=alice,session.id=s-42");

      assertThat(baggage).contains("user.id=alice").contains("session.id=s-42");
      assertThat(chat).startsWith("RESULT chat id=");
      ReceivedSpan client =
          otlp.awaitSpans(s -> s.attributes().containsKey("gen_ai.operation.name"), 1, AWAIT)
              .get(0);
      ReceivedSpan root =
          otlp.awaitSpans(
                  s -> s.kind().equals("SERVER") && s.traceId().equals(client.traceId()), 1, AWAIT)
              .get(0);
      report("server mode (java-http-server + openai-java)", null, otlp);
      assertThat(root.isRoot()).isTrue();
      assertThat(client.parentSpanId()).isEqualTo(root.spanId());
    }
  }

  private static String get(HttpClient http, int port, String scenario, String baggage)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/run?scenario=" + scenario))
            .header("baggage", baggage)
            .timeout(Duration.ofSeconds(30))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String sdkNamed(String alias) {
    return switch (alias) {
      case "openai-oldest" -> Sdk.OPENAI_OLDEST;
      case "openai-newest" -> Sdk.OPENAI_NEWEST;
      case "anthropic-oldest" -> Sdk.ANTHROPIC_OLDEST;
      case "anthropic-newest" -> Sdk.ANTHROPIC_NEWEST;
      default -> throw new IllegalArgumentException(alias);
    };
  }

  private static List<String> scenariosOf(String mainClass) {
    List<String> base =
        mainClass.endsWith("OpenAiApp") ? OpenAiApp.SCENARIOS : AnthropicApp.SCENARIOS;
    String first = base.get(0);
    return concat(base, List.of("baggage:alice:s-1:" + first, "mdc:bob:" + first));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  /**
   * Prints what the agent emitted, with the app's RESULT lines: the lead's release notes list it.
   */
  private void report(String title, AgentJvm.Result run, OtlpReceiver receiver) {
    StringBuilder out = new StringBuilder(TelemetryReport.of(title, receiver));
    if (run != null) {
      out.append("-- app RESULT lines:\n");
      run.results()
          .forEach((k, v) -> out.append("  ").append(k).append(" -> ").append(v).append('\n'));
    }
    System.out.println(out);
  }
}
