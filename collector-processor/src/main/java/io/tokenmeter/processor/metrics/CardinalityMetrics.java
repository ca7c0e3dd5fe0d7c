/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

/** What the cardinality guards report when they fold a label value into {@code __other__}. */
public interface CardinalityMetrics {
  /** Counts one label value of {@code family} (user, agent, session) folded into __other__. */
  void labelValueFolded(String family);
}
