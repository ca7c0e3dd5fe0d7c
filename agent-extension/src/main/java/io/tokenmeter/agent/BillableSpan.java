/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.tokenmeter.contract.BillableCall;
import java.util.List;

/** The contract's rule for a billable LLM call, {@link BillableCall}, applied to a live span. */
final class BillableSpan {
  /** The marker attributes as typed keys, in the contract's order: the common case comes first. */
  private static final AttributeKey<?>[] MARKERS = markers();

  private BillableSpan() {}

  /** Tells whether {@code span} carries a marker attribute; allocates nothing. */
  static boolean isBillable(ReadableSpan span) {
    for (AttributeKey<?> marker : MARKERS) {
      if (span.getAttribute(marker) != null) {
        return true;
      }
    }
    return false;
  }

  private static AttributeKey<?>[] markers() {
    List<String> names = BillableCall.markers();
    AttributeKey<?>[] keys = new AttributeKey<?>[names.size()];
    for (int i = 0; i < keys.length; i++) {
      String name = names.get(i);
      keys[i] =
          BillableCall.namesCall(name) ? AttributeKey.stringKey(name) : AttributeKey.longKey(name);
    }
    return keys;
  }
}
