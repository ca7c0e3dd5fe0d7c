/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a budget counts: all calls, the calls of one service, provider, model, user or agent, or the
 * calls carrying a configured dimension ({@code tokenmeter.dim.<key>} span attribute, listed in
 * {@code budgets_dimensions}). Equal by {@link #label()}.
 */
public final class BudgetScope {
  public static final BudgetScope GLOBAL = new BudgetScope("global", false);
  public static final BudgetScope SERVICE = new BudgetScope("service", false);
  public static final BudgetScope PROVIDER = new BudgetScope("provider", false);
  public static final BudgetScope MODEL = new BudgetScope("model", false);
  public static final BudgetScope USER = new BudgetScope("user", false);
  public static final BudgetScope AGENT = new BudgetScope("agent", false);

  /** The built-in scopes, in documentation order. */
  public static final List<BudgetScope> BUILT_IN =
      List.of(GLOBAL, SERVICE, PROVIDER, MODEL, USER, AGENT);

  /** The subject label of a global budget, which has exactly one subject. */
  public static final String GLOBAL_SUBJECT = "all";

  private final String label;
  private final boolean dimension;

  private BudgetScope(String label, boolean dimension) {
    this.label = label;
    this.dimension = dimension;
  }

  /**
   * Returns the scope of a configured dimension {@code key}; its subject is the value of the span
   * attribute {@code tokenmeter.dim.<key>}.
   */
  public static BudgetScope dimension(String key) {
    Objects.requireNonNull(key, "key");
    if (builtIn(key) != null) {
      throw new IllegalArgumentException("dimension '" + key + "' clashes with a built-in scope");
    }
    return new BudgetScope(key, true);
  }

  /** Returns the label value used in metrics, the API and the config (the key, for a dimension). */
  public String label() {
    return label;
  }

  /** Returns true for a configured dimension, false for a built-in scope. */
  public boolean isDimension() {
    return dimension;
  }

  /** Returns the subject value named by query parameters (scope label to value), or null. */
  public String valueOf(Map<String, String> params) {
    return equals(GLOBAL) ? GLOBAL_SUBJECT : params.get(label);
  }

  /** Returns the built-in scope with this label, or null. */
  static BudgetScope builtIn(String label) {
    for (BudgetScope s : BUILT_IN) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    return null;
  }

  /** Returns the built-in scope with this label, the dimension when listed, or null. */
  static BudgetScope parse(String label, Collection<String> dimensions) {
    BudgetScope s = builtIn(label);
    if (s != null) {
      return s;
    }
    return dimensions.contains(label) ? new BudgetScope(label, true) : null;
  }

  static BudgetScope parse(String label) {
    return parse(label, List.of());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BudgetScope other && label.equals(other.label);
  }

  @Override
  public int hashCode() {
    return label.hashCode();
  }

  @Override
  public String toString() {
    return label;
  }
}
