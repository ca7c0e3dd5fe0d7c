/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenmeter.testing.otlp.OtlpReceiver;
import io.tokenmeter.testing.otlp.ReceivedPoint;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Small asserters over the GenAI spans and points a child JVM exported. */
final class GenAiSpans {
  static final String OPERATION = "gen_ai.operation.name";
  static final String COST = "tokenmeter.cost.usd";
  static final String COST_COUNTER = "tokenmeter.client.cost";
  static final String TOKEN_USAGE = "gen_ai.client.token.usage";

  private GenAiSpans() {}

  static boolean isGenAi(ReceivedSpan span) {
    return span.attributes().containsKey(OPERATION);
  }

  /** Indexes GenAI spans by their user.id, which the tests set to the scenario through Baggage. */
  static Map<String, ReceivedSpan> byUser(List<ReceivedSpan> spans) {
    return spans.stream()
        .filter(GenAiSpans::isGenAi)
        .filter(s -> s.attributes().containsKey("user.id"))
        .collect(Collectors.toMap(s -> (String) s.attribute("user.id"), Function.identity()));
  }

  /** Fails unless every trace holds exactly one GenAI span: one billed span per call. */
  static void assertOneGenAiSpanPerTrace(List<ReceivedSpan> spans) {
    Map<String, Long> perTrace =
        spans.stream()
            .filter(GenAiSpans::isGenAi)
            .collect(Collectors.groupingBy(ReceivedSpan::traceId, Collectors.counting()));
    assertThat(perTrace)
        .as("GenAI spans per trace")
        .allSatisfy((trace, n) -> assertThat(n).isOne());
  }

  static long longAttr(ReceivedSpan span, String key) {
    Object value = span.attribute(key);
    assertThat(value).as("%s on %s", key, span.name()).isInstanceOf(Long.class);
    return (Long) value;
  }

  static double cost(ReceivedSpan span) {
    Object value = span.attribute(COST);
    assertThat(value)
        .as("tokenmeter.cost.usd on %s %s", span.name(), span.attributes())
        .isInstanceOf(Double.class);
    return (Double) value;
  }

  /**
   * Fails unless the latest {@code tokenmeter.client.cost} points whose attributes match add up to
   * the spans' costs: every priced call counted exactly once. Waits for a cost point and a token
   * usage point that match first.
   */
  static void assertCostCounterEqualsSpanCosts(
      OtlpReceiver otlp, List<ReceivedSpan> spans, Map<String, Object> match, Duration await) {
    double spanCosts =
        spans.stream()
            .filter(s -> s.attributes().containsKey(COST))
            .mapToDouble(GenAiSpans::cost)
            .sum();
    otlp.awaitPoints(p -> p.metricName().equals(COST_COUNTER) && matches(p, match), 1, await);
    otlp.awaitPoints(p -> p.metricName().equals(TOKEN_USAGE) && matches(p, match), 1, await);
    assertThat(counterTotal(otlp.latestPoints(), COST_COUNTER, match))
        .as("%s matching %s", COST_COUNTER, match)
        .isCloseTo(spanCosts, within(1e-9));
  }

  /** Sum of a cumulative counter's latest points whose attributes match. */
  static double counterTotal(List<ReceivedPoint> latest, String metric, Map<String, Object> match) {
    return latest.stream()
        .filter(p -> p.metricName().equals(metric))
        .filter(p -> matches(p, match))
        .mapToDouble(ReceivedPoint::value)
        .sum();
  }

  private static boolean matches(ReceivedPoint point, Map<String, Object> match) {
    return match.entrySet().stream()
        .allMatch(e -> e.getValue().equals(point.attribute(e.getKey())));
  }
}
