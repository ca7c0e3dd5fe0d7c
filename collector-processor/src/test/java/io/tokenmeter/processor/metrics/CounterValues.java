/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Reads counters the way a scrape does, for tests. */
public final class CounterValues {
  private CounterValues() {}

  /**
   * Returns the value of the series of {@code family} (the exposed name, {@code _total} included)
   * with exactly these labels, given as name, value, name, value...; 0 when there is no such
   * series.
   */
  public static long value(ProcessorMetrics metrics, String family, String... labelPairs) {
    Labels labels = Labels.of(labelPairs);
    String name = FamilyNames.withoutTotal(family);
    for (MetricSnapshot s : metrics.registry().scrape()) {
      if (s instanceof CounterSnapshot counter && s.getMetadata().getName().equals(name)) {
        for (CounterSnapshot.CounterDataPointSnapshot p : counter.getDataPoints()) {
          if (p.getLabels().equals(labels)) {
            return (long) p.getValue();
          }
        }
      }
    }
    return 0;
  }
}
