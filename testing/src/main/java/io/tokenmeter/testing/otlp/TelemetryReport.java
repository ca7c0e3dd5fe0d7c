/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.testing.otlp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders what a receiver got as readable text: every span with its parent, kind, scope, status and
 * attributes, then every metric with type, unit and attribute keys, then the {@code gen_ai.*}
 * points.
 */
public final class TelemetryReport {
  private TelemetryReport() {}

  /** Returns the report for everything the receiver holds. */
  public static String of(String title, OtlpReceiver receiver) {
    StringBuilder out = new StringBuilder("\n===== ").append(title).append(" =====\n");
    appendSpans(out, receiver.spans());
    appendMetrics(out, receiver.latestPoints());
    return out.toString();
  }

  private static void appendSpans(StringBuilder out, List<ReceivedSpan> spans) {
    Map<String, String> names = new LinkedHashMap<>();
    spans.forEach(s -> names.put(s.spanId(), s.name()));
    out.append("-- spans (name | kind | scope | status | parent | attributes):\n");
    for (ReceivedSpan s : spans) {
      String parent =
          s.isRoot()
              ? "root"
              : "child of '" + names.getOrDefault(s.parentSpanId(), "? (not received)") + "'";
      out.append("  ")
          .append(s.name())
          .append(" | ")
          .append(s.kind())
          .append(" | ")
          .append(s.scopeName())
          .append(" | ")
          .append(s.statusCode())
          .append(s.statusMessage().isEmpty() ? "" : " " + s.statusMessage())
          .append(" | ")
          .append(parent)
          .append(" | ")
          .append(new TreeMap<>(s.attributes()))
          .append('\n');
    }
  }

  private static void appendMetrics(StringBuilder out, List<ReceivedPoint> latest) {
    Map<String, TreeSet<String>> keys = new TreeMap<>();
    Map<String, String> types = new TreeMap<>();
    for (ReceivedPoint p : latest) {
      keys.computeIfAbsent(p.metricName(), k -> new TreeSet<>()).addAll(p.attributes().keySet());
      types.put(p.metricName(), p.type() + " | " + p.unit());
    }
    out.append("-- metrics (name | type | unit | attribute keys):\n");
    keys.forEach(
        (name, k) ->
            out.append("  ")
                .append(name)
                .append(" | ")
                .append(types.get(name))
                .append(" | ")
                .append(k)
                .append('\n'));
    out.append("-- gen_ai.* points (latest, cumulative):\n");
    for (ReceivedPoint p : latest) {
      if (p.metricName().startsWith("gen_ai.")) {
        out.append("  ")
            .append(p.metricName())
            .append(' ')
            .append(new TreeMap<>(p.attributes()))
            .append(
                p.type().contains("HISTOGRAM")
                    ? " count=" + p.count() + " sum=" + p.sum()
                    : " value=" + p.value())
            .append('\n');
      }
    }
  }
}
