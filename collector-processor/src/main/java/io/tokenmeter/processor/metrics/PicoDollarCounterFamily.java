/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

import com.google.protobuf.ByteString;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.tokenmeter.pricing.PicoCost;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A USD counter family that sums whole pico-dollars (1e-12 USD) in {@link LongAdder}s, exactly and
 * without contention, and is exposed as a double USD value converted only at scrape time, so totals
 * over millions of calls do not drift. Keeps the latest call's trace id as the exemplar, which the
 * OpenMetrics format shows.
 */
public final class PicoDollarCounterFamily implements Collector {
  private final String name;
  private final String help;
  private final String[] labelNames;
  private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

  PicoDollarCounterFamily(String name, String help, String... labelNames) {
    this.name = FamilyNames.withoutTotal(name);
    this.help = help;
    this.labelNames = labelNames.clone();
  }

  /**
   * Adds a non-negative amount in pico-dollars; {@code traceId} may be empty, then no exemplar is
   * kept.
   */
  public void add(long pico, ByteString traceId, ByteString spanId, String... labelValues) {
    series(labelValues).add(pico, traceId, spanId);
  }

  /** Returns the series with these label values, creating it; hot paths keep the handle. */
  public Series series(String... labelValues) {
    if (labelValues.length != labelNames.length) {
      throw new IllegalArgumentException(name + " takes " + labelNames.length + " label values");
    }
    return series.computeIfAbsent(List.of(labelValues), k -> new Series());
  }

  /** Returns the exact current sum of one series in USD, zero when absent. */
  public BigDecimal value(String... labelValues) {
    Series s = series.get(List.of(labelValues));
    return BigDecimal.valueOf(s == null ? 0 : s.pico(), 12);
  }

  @Override
  public MetricSnapshot collect() {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
    series.forEach((values, s) -> b.dataPoint(point(values, s)));
    return b.build();
  }

  private CounterSnapshot.CounterDataPointSnapshot point(List<String> values, Series s) {
    CounterSnapshot.CounterDataPointSnapshot.Builder p =
        CounterSnapshot.CounterDataPointSnapshot.builder()
            .labels(Labels.of(labelNames, values.toArray(String[]::new)))
            .value(PicoCost.usd(s.pico()));
    Sample e = s.exemplar;
    if (e != null) {
      // hex only here, at scrape time, so recording a call never formats ids
      Exemplar.Builder eb = Exemplar.builder().traceId(hex(e.traceId)).value(PicoCost.usd(e.pico));
      if (e.spanId != null && !e.spanId.isEmpty()) {
        eb.spanId(hex(e.spanId));
      }
      p.exemplar(eb.timestampMillis(e.timestampMillis).build());
    }
    return p.build();
  }

  @Override
  public String getPrometheusName() {
    return name;
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private record Sample(ByteString traceId, ByteString spanId, long pico, long timestampMillis) {}

  /** One series: an exact sum in pico-dollars plus the latest call as exemplar. */
  public static final class Series {
    private final LongAdder pico = new LongAdder();
    private volatile Sample exemplar;

    /** Adds a positive amount (others are ignored) and remembers the call as the exemplar. */
    public void add(long amount, ByteString traceId, ByteString spanId) {
      add(amount, traceId, spanId, amount);
    }

    /**
     * Adds a positive sum of several calls (others are ignored) and remembers the latest of them,
     * which cost {@code latestAmount}, as the exemplar.
     */
    public void add(long amount, ByteString traceId, ByteString spanId, long latestAmount) {
      if (amount <= 0) {
        return;
      }
      pico.add(amount);
      if (traceId != null && !traceId.isEmpty() && latestAmount > 0) {
        exemplar = new Sample(traceId, spanId, latestAmount, System.currentTimeMillis());
      }
    }

    long pico() {
      return pico.sum();
    }
  }
}
