/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.processor.metrics.CounterValues;
import io.tokenmeter.processor.metrics.ProcessorMetrics;
import io.tokenmeter.processor.metrics.ProcessorMetrics.SessionRow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionTrackerTest {
  private final ProcessorMetrics metrics = new ProcessorMetrics();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  /** Returns whole pico-dollars of a USD amount with at most 12 decimals. */
  private static long usd(double usd) {
    return Math.round(usd * 1e12);
  }

  private SessionTracker tracker(int topK, int maxTracked) {
    return new SessionTracker(
        topK, maxTracked, Duration.ofHours(1), Duration.ofMinutes(30), now::get, metrics);
  }

  @Test
  void exposesTheTopSessionsByCostAndSumsTheRestAsOther() {
    SessionTracker t = tracker(2, 100);
    t.record("cheap", "u1", usd(0.01), 10);
    t.record("big", "u2", usd(5.0), 1000);
    t.record("mid", "u3", usd(1.0), 100);
    t.record("mid", "u3", usd(1.0), 100);
    List<SessionRow> rows = t.snapshot();
    assertThat(rows).extracting(SessionRow::session).containsExactly("big", "mid", "__other__");
    assertThat(rows.get(1).costUsd()).isEqualTo(2.0);
    assertThat(rows.get(1).requests()).isEqualTo(2);
    assertThat(rows.get(2).costUsd()).isEqualTo(0.01);
    assertThat(
            CounterValues.value(
                metrics, "tokenmeter_cardinality_overflow_total", "family", "session"))
        .isEqualTo(1);
  }

  @Test
  void dropsIdleSessionsAndForgetsSpendOlderThanTheWindow() {
    SessionTracker t = tracker(10, 100);
    t.record("old", "u", usd(1.0), 1);
    now.addAndGet(Duration.ofMinutes(20).toMillis());
    t.record("active", "u", usd(1.0), 1);
    now.addAndGet(Duration.ofMinutes(15).toMillis());
    assertThat(t.snapshot()).extracting(SessionRow::session).containsExactly("active");
    t.record("active", "u", usd(2.0), 1);
    now.addAndGet(Duration.ofMinutes(29).toMillis());
    t.record("active", "u", usd(4.0), 1);
    now.addAndGet(Duration.ofMinutes(29).toMillis());
    t.record("active", "u", usd(8.0), 1);
    // the first 1.0 (recorded 93 minutes ago) has left the one-hour window
    assertThat(t.snapshot().get(0).costUsd()).isEqualTo(14.0);
  }

  @Test
  void staysBoundedWithAMillionDistinctSessions() {
    SessionTracker t = tracker(200, 10_000);
    for (int i = 0; i < 1_000_000; i++) {
      t.record("s-" + i, "u-" + (i % 1000), usd(0.001), 10);
    }
    assertThat(t.trackedCount()).isEqualTo(10_000);
    List<SessionRow> rows = t.snapshot();
    assertThat(rows).hasSize(201);
    assertThat(rows.stream().mapToLong(SessionRow::requests).sum()).isEqualTo(1_000_000);
  }
}
