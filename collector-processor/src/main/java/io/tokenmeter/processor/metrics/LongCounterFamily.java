/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A counter family of whole numbers (requests, tokens, spans), exact at any rate. */
public final class LongCounterFamily implements Collector {
  private final String name;
  private final String help;
  private final String[] labelNames;
  private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

  LongCounterFamily(String name, String help, String... labelNames) {
    this.name = FamilyNames.withoutTotal(name);
    this.help = help;
    this.labelNames = labelNames.clone();
  }

  /** Adds {@code amount} to the series with these label values, in label-name order. */
  public void add(long amount, String... labelValues) {
    if (amount > 0) {
      series(labelValues).add(amount);
    }
  }

  /**
   * Returns the series with these label values, creating it; hot paths keep the handle instead of
   * looking it up per call. Only add non-negative amounts to it.
   */
  public LongAdder series(String... labelValues) {
    if (labelValues.length != labelNames.length) {
      throw new IllegalArgumentException(name + " takes " + labelNames.length + " label values");
    }
    return series.computeIfAbsent(List.of(labelValues), k -> new LongAdder());
  }

  public void inc(String... labelValues) {
    series(labelValues).increment();
  }

  /** Returns the current value of one series, 0 when absent. */
  public long value(String... labelValues) {
    LongAdder a = series.get(List.of(labelValues));
    return a == null ? 0 : a.sum();
  }

  @Override
  public MetricSnapshot collect() {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
    series.forEach(
        (values, adder) ->
            b.dataPoint(
                CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of(labelNames, values.toArray(String[]::new)))
                    .value(adder.sum())
                    .build()));
    return b.build();
  }

  @Override
  public String getPrometheusName() {
    return name;
  }
}
