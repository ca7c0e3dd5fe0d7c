/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The PromQL rules dashboards and Prometheus rules share: only metric names the processor emits (or
 * our recording rules produce), counters and histogram buckets always under {@code sum}, gauges of
 * the processor always aggregated over replicas, and only allowed rate windows.
 */
final class PromqlLint {
  static final Set<String> KNOWN_NAMES = loadNames();
  private static final Set<String> AGGREGATIONS =
      Set.of("sum", "max", "min", "avg", "count", "topk", "bottomk", "quantile", "group");

  private PromqlLint() {}

  static List<String> problems(String where, String expr, Set<String> allowedWindows) {
    List<String> problems = new ArrayList<>();
    for (Promql.Selector selector : Promql.selectors(expr)) {
      String name = selector.metric();
      if (!KNOWN_NAMES.contains(name)) {
        problems.add(where + ": unknown metric " + name + " (not in processor-metric-names.txt)");
      }
      if (!name.startsWith("tokenmeter_")) {
        continue; // recording rules are aggregated already; up and ALERTS are Prometheus' own
      }
      List<String> around = Promql.enclosing(expr, selector.position());
      if ((name.endsWith("_total") || name.endsWith("_bucket")) && !around.contains("sum")) {
        problems.add(
            where
                + ": counter "
                + name
                + " not inside sum(...) / sum by (...) (enclosed by "
                + around
                + ")");
      } else if (around.stream().noneMatch(AGGREGATIONS::contains)) {
        problems.add(
            where + ": " + name + " not aggregated over instances (enclosed by " + around + ")");
      }
    }
    for (String window : Promql.rateWindows(expr)) {
      if (!allowedWindows.contains(window)) {
        problems.add(where + ": rate window [" + window + "] not in " + allowedWindows);
      }
    }
    return problems;
  }

  private static Set<String> loadNames() {
    try (InputStream in = PromqlLint.class.getResourceAsStream("/processor-metric-names.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(line -> line.replaceFirst("#.*", "").trim())
          .filter(line -> !line.isEmpty())
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
