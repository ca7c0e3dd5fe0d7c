/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.demo.provider.FakeLlmProvider;
import io.tokenmeter.it.LlmBackends;
import io.tokenmeter.it.apps.Outcome;
import io.tokenmeter.it.jvm.AgentJvm;
import io.tokenmeter.it.jvm.ChildJvmLogsOnFailure;
import io.tokenmeter.testing.otlp.OtlpReceiver;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import io.tokenmeter.testing.otlp.TelemetryReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every supported SDK must show under the real agent with the Tokenmeter extension, whatever
 * makes its spans: the app sees the same results and errors as without any agent, and every call
 * becomes exactly one priced GenAI span, counted once in the cost counter. Each SDK's test supplies
 * its app, the SDK versions and runs to check, and the values only it knows.
 */
@ExtendWith(ChildJvmLogsOnFailure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSdkExtensionIT {
  static final Duration AWAIT = Duration.ofSeconds(30);

  @RegisterExtension final LlmBackends backends = new LlmBackends();
  FakeLlmProvider provider;
  OtlpReceiver otlp;

  private final Class<?> app;
  private final String name;

  /** Runs {@code app}'s main class in child JVMs named after {@code name}. */
  AbstractSdkExtensionIT(Class<?> app, String name) {
    this.app = app;
    this.name = name;
  }

  /** One SDK classpath and the scenarios the app runs on it. */
  record SdkVersion(String sdk, List<String> scenarios) {
    @Override
    public String toString() {
      return sdk;
    }
  }

  /**
   * One run under the agent: the scenarios run tagged (Baggage {@code user.id} = the scenario's
   * name, {@code session.id} = {@code session-<name>}) and then the untagged ones, which must yield
   * {@code spans} GenAI spans. Every span has the given kind and scope (when not null) and carries
   * {@code everySpan}; with a {@code costCounter} match, the {@code tokenmeter.client.cost} points
   * that match add up to the spans' costs.
   */
  record PricedRun(
      String label,
      String sdk,
      List<String> tagged,
      List<String> untagged,
      int spans,
      String kind,
      String scope,
      Map<String, Object> everySpan,
      Map<String, Object> costCounter) {

    /** Starts a run of CLIENT spans of any scope, with nothing else expected of them. */
    static PricedRun of(String label, String sdk, List<String> tagged, int spans) {
      return new PricedRun(label, sdk, tagged, List.of(), spans, "CLIENT", null, Map.of(), null);
    }

    PricedRun untagged(String... scenarios) {
      return new PricedRun(
          label, sdk, tagged, List.of(scenarios), spans, kind, scope, everySpan, costCounter);
    }

    PricedRun anyKind() {
      return new PricedRun(
          label, sdk, tagged, untagged, spans, null, scope, everySpan, costCounter);
    }

    PricedRun scope(String scopeName) {
      return new PricedRun(
          label, sdk, tagged, untagged, spans, kind, scopeName, everySpan, costCounter);
    }

    PricedRun everySpan(String key, Object value) {
      Map<String, Object> all = new LinkedHashMap<>(everySpan);
      all.put(key, value);
      return new PricedRun(label, sdk, tagged, untagged, spans, kind, scope, all, costCounter);
    }

    PricedRun costCounter(Map<String, Object> match) {
      return new PricedRun(label, sdk, tagged, untagged, spans, kind, scope, everySpan, match);
    }

    @Override
    public String toString() {
      return label + " on " + sdk;
    }
  }

  /** The oldest and the newest SDK classpath, each running the same scenarios. */
  static List<SdkVersion> oldestAndNewest(String oldest, String newest, List<String> scenarios) {
    return List.of(new SdkVersion(oldest, scenarios), new SdkVersion(newest, scenarios));
  }

  /** Returns the SDK versions whose results are compared with and without the agent. */
  abstract List<SdkVersion> versions();

  /**
   * Returns what the app must see without the agent, by scenario: fragments of its outcome (errors
   * are exceptions with their status, usage as the SDK reports it).
   */
  abstract Map<String, List<String>> outcomesWithoutTheAgent();

  /** Returns the runs whose every call must become exactly one priced span. */
  abstract List<PricedRun> pricedRuns();

  /** Checks what only this SDK knows about the GenAI spans of one run. */
  abstract void assertPricedSpans(PricedRun run, List<ReceivedSpan> spans);

  /** Sets the fake provider's usage per model before each test. */
  void configure(FakeLlmProvider provider) {}

  Duration runTimeout() {
    return Duration.ofSeconds(120);
  }

  @BeforeEach
  void startBackends() {
    provider = backends.provider();
    otlp = backends.otlp();
    configure(provider);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void appSeesTheSameResultsAndErrorsAsWithoutTheAgent(SdkVersion version) {
    List<String> scenarios = version.scenarios();
    AgentJvm.Result plain =
        AgentJvm.named(name + "-plain-" + version.sdk())
            .withoutAgent()
            .sdk(version.sdk())
            .mainClass(app)
            .args(provider.baseUrl())
            .args(scenarios)
            .run(runTimeout())
            .requireSuccess();
    AgentJvm.Result withUs =
        app(name + "-compare-" + version.sdk(), version.sdk())
            .args(scenarios)
            .run(runTimeout())
            .requireSuccess();

    assertThat(Outcome.maskIds(plain.results()).keySet()).containsExactlyElementsOf(scenarios);
    assertThat(Outcome.maskIds(withUs.results())).isEqualTo(Outcome.maskIds(plain.results()));
    outcomesWithoutTheAgent()
        .forEach(
            (scenario, fragments) ->
                assertThat(plain.result(scenario)).as(scenario).contains(fragments));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pricedRuns")
  void everyCallIsOnePricedSpan(PricedRun run) {
    List<ReceivedSpan> spans = runPriced(run);
    if (run.costCounter() != null) {
      GenAiSpans.assertCostCounterEqualsSpanCosts(otlp, spans, run.costCounter(), AWAIT);
    }
    assertPricedSpans(run, spans);
  }

  /**
   * Runs the app under the agent as the run says and returns its GenAI spans, after checking that
   * there are as many as expected, one per trace, each of the expected kind, scope and attributes.
   */
  List<ReceivedSpan> runPriced(PricedRun run) {
    List<String> scenarios = new ArrayList<>(tagged(run.tagged()));
    scenarios.addAll(run.untagged());
    app(name + "-ext-" + run.sdk(), run.sdk()).args(scenarios).run(runTimeout()).requireSuccess();

    List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, run.spans(), AWAIT);
    String report = TelemetryReport.of(run.toString(), otlp);
    assertThat(spans).as(report).hasSize(run.spans());
    GenAiSpans.assertOneGenAiSpanPerTrace(otlp.spans());
    assertThat(spans)
        .allSatisfy(
            s -> {
              if (run.kind() != null) {
                assertThat(s.kind()).isEqualTo(run.kind());
              }
              if (run.scope() != null) {
                assertThat(s.scopeName()).isEqualTo(run.scope());
              }
              run.everySpan()
                  .forEach((key, value) -> assertThat(s.attribute(key)).as(key).isEqualTo(value));
            });
    return spans;
  }

  /** The app under the agent with the extension, exporting to this test's receiver. */
  AgentJvm app(String jvmName, String sdk) {
    return AgentJvm.named(jvmName).receiver(otlp).sdk(sdk).mainClass(app).args(provider.baseUrl());
  }

  /** Each scenario with Baggage user.id = its name and session.id = session-name. */
  static List<String> tagged(List<String> scenarios) {
    List<String> out = new ArrayList<>();
    for (String scenario : scenarios) {
      out.add("baggage:" + scenario + ":session-" + scenario + ":" + scenario);
    }
    return out;
  }
}
