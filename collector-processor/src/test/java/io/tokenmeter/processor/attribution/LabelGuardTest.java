/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.processor.metrics.CounterValues;
import io.tokenmeter.processor.metrics.ProcessorMetrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LabelGuardTest {
  private final ProcessorMetrics metrics = new ProcessorMetrics();

  @Test
  void keepsTheFirstValuesAndFoldsTheRestIntoOther() {
    LabelGuard guard = new LabelGuard("user", 2, metrics);
    assertThat(guard.admit("a")).isEqualTo("a");
    assertThat(guard.admit("b")).isEqualTo("b");
    assertThat(guard.admit("c")).isEqualTo("__other__");
    assertThat(guard.admit("a")).isEqualTo("a");
    assertThat(guard.admit("d")).isEqualTo("__other__");
    assertThat(guard.admit(null)).isNull();
    assertThat(
            CounterValues.value(metrics, "tokenmeter_cardinality_overflow_total", "family", "user"))
        .isEqualTo(2);
  }

  @Test
  void neverAdmitsMoreThanTheBoundUnderConcurrency() {
    LabelGuard guard = new LabelGuard("user", 100, metrics);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 100_000).parallel().forEach(i -> seen.add(guard.admit("u" + (i % 5000))));
    assertThat(seen).hasSize(101).contains("__other__");
    assertThat(guard.admittedCount()).isEqualTo(100);
  }

  @Test
  void budgetSubjectsAreAlwaysKept() {
    LabelGuard guard = new LabelGuard("user", 0, metrics);
    guard.alwaysKeep("vip"::equals);
    assertThat(guard.admit("vip")).isEqualTo("vip");
    assertThat(guard.admit("other")).isEqualTo("__other__");
  }
}
