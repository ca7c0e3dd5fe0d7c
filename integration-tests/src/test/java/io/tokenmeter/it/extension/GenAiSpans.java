/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.it.otlp.ReceivedPoint;
import io.tokenmeter.it.otlp.ReceivedSpan;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Small asserters over the GenAI spans and points a child JVM exported. */
final class GenAiSpans {
  static final String OPERATION = "gen_ai.operation.name";

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
    Object value = span.attribute("tokenmeter.cost.usd");
    assertThat(value)
        .as("tokenmeter.cost.usd on %s %s", span.name(), span.attributes())
        .isInstanceOf(Double.class);
    return (Double) value;
  }

  /** Sum of a cumulative counter's latest points whose attributes match. */
  static double counterTotal(List<ReceivedPoint> latest, String metric, Map<String, Object> match) {
    return latest.stream()
        .filter(p -> p.metricName().equals(metric))
        .filter(
            p ->
                match.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(p.attribute(e.getKey()))))
        .mapToDouble(ReceivedPoint::value)
        .sum();
  }
}
