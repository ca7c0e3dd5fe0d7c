package io.tokenmeter.processor.metrics;

import com.google.protobuf.ByteString;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A USD counter family that sums exactly in {@link BigDecimal} and is exposed as a double, so
 * totals over millions of calls do not drift. Keeps the latest call's trace id as the exemplar,
 * which the OpenMetrics format shows.
 */
public final class DecimalCounterFamily implements Collector {
  private final String name;
  private final String help;
  private final String[] labelNames;
  private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

  DecimalCounterFamily(String name, String help, String... labelNames) {
    this.name = FamilyNames.withoutTotal(name);
    this.help = help;
    this.labelNames = labelNames.clone();
  }

  /** Adds a non-negative amount; {@code traceId} may be empty, then no exemplar is kept. */
  public void add(BigDecimal amount, ByteString traceId, ByteString spanId, String... labelValues) {
    series(labelValues).add(amount, traceId, spanId);
  }

  /** Returns the series with these label values, creating it; hot paths keep the handle. */
  public Series series(String... labelValues) {
    if (labelValues.length != labelNames.length) {
      throw new IllegalArgumentException(name + " takes " + labelNames.length + " label values");
    }
    return series.computeIfAbsent(List.of(labelValues), k -> new Series());
  }

  /** Returns the exact current sum of one series, zero when absent. */
  public BigDecimal value(String... labelValues) {
    Series s = series.get(List.of(labelValues));
    return s == null ? BigDecimal.ZERO : s.sum();
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
            .value(s.sum().doubleValue());
    Sample e = s.exemplar;
    if (e != null) {
      // hex only here, at scrape time, so recording a call never formats ids
      Exemplar.Builder eb = Exemplar.builder().traceId(hex(e.traceId)).value(e.value.doubleValue());
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

  private record Sample(
      ByteString traceId, ByteString spanId, BigDecimal value, long timestampMillis) {}

  /** One series: an exact sum plus the latest call as exemplar. */
  public static final class Series {
    private BigDecimal sum = BigDecimal.ZERO;
    private volatile Sample exemplar;

    /** Adds a positive amount (others are ignored) and remembers the call as the exemplar. */
    public void add(BigDecimal amount, ByteString traceId, ByteString spanId) {
      if (amount.signum() <= 0) {
        return;
      }
      synchronized (this) {
        sum = sum.add(amount);
      }
      if (traceId != null && !traceId.isEmpty()) {
        exemplar = new Sample(traceId, spanId, amount, System.currentTimeMillis());
      }
    }

    synchronized BigDecimal sum() {
      return sum;
    }
  }
}
