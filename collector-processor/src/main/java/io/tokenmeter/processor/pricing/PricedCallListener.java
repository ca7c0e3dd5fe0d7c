package io.tokenmeter.processor.pricing;

/**
 * Receives every priced GenAI call once, after pricing. Metrics aggregation is one listener; the
 * budget ledger hooks in as another. Implementations must be thread-safe and must not throw.
 */
@FunctionalInterface
public interface PricedCallListener {
  void onPricedCall(PricedCall call);
}
