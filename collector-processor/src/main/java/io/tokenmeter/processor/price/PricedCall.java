/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.price;

import io.tokenmeter.processor.normalize.GenAiCall;

/**
 * A GenAI call with its token partition and cost in pico-dollars. {@code cost} is null when the
 * call could not be priced (unknown model and no cost on the span); {@code pricingModel} names the
 * catalog row used, or is null. {@code costComputed} is true when the cost did not come from the
 * span's own {@code tokenmeter.cost.usd}, so a forwarded span should be enriched with it.
 */
public record PricedCall(
    GenAiCall call,
    TokenCounts tokens,
    CostBreakdown cost,
    String pricingModel,
    boolean costComputed) {

  public boolean priced() {
    return cost != null;
  }
}
