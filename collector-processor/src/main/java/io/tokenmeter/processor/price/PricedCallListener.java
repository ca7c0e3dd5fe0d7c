/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.price;

import java.util.List;

/**
 * Receives every priced GenAI call once, after pricing. Metrics aggregation is one listener; the
 * budget ledger hooks in as another. Implementations must be thread-safe and must not throw.
 */
@FunctionalInterface
public interface PricedCallListener {
  void onPricedCall(PricedCall call);

  /**
   * Receives the priced calls of one export request, in order. Listeners that update shared state
   * override it to aggregate the request first and touch each shared entry once.
   */
  default void onPricedCalls(List<PricedCall> calls) {
    for (int i = 0, n = calls.size(); i < n; i++) {
      onPricedCall(calls.get(i));
    }
  }
}
