/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.attribution;

import io.tokenmeter.processor.metrics.CardinalityMetrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Bounds the distinct values of one label family (users, agents). The first {@code max} values seen
 * keep their name; later new values fold into {@value #OTHER}, so sums over the label stay exact,
 * and each fold is counted in {@code tokenmeter_cardinality_overflow_total{family}}.
 */
public final class LabelGuard {
  public static final String OTHER = "__other__";

  private final String family;
  private final int max;
  private final CardinalityMetrics overflow;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger size = new AtomicInteger();
  private volatile Predicate<String> alwaysKeep = v -> false;

  public LabelGuard(String family, int max, CardinalityMetrics overflow) {
    this.family = family;
    this.max = max;
    this.overflow = overflow;
  }

  /** Makes values matching {@code keep} bypass the bound (budget subjects are always kept). */
  public void alwaysKeep(Predicate<String> keep) {
    this.alwaysKeep = keep;
  }

  /**
   * Returns the label value to use for {@code value}: itself, or {@value #OTHER}; null stays null.
   */
  public String admit(String value) {
    if (value == null || admitted.contains(value)) {
      return value;
    }
    if (alwaysKeep.test(value)) {
      return value;
    }
    if (size.getAndUpdate(s -> s < max ? s + 1 : s) < max) {
      if (!admitted.add(value)) {
        size.decrementAndGet(); // another thread admitted the same value first
      }
      return value;
    }
    overflow.labelValueFolded(family);
    return OTHER;
  }

  /** Returns how many distinct values kept their name. */
  public int admittedCount() {
    return size.get();
  }
}
