package io.tokenmeter.processor.ledger;

import io.tokenmeter.processor.pricing.TokenCounts;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rollup usage received since the last flush, keyed by {@link UsageKey}. Adding is a map lookup and
 * a short lock on one key; draining hands every delta to the flusher exactly once.
 */
public final class UsageAccumulator {
  private final ConcurrentHashMap<UsageKey, UsageDelta> deltas = new ConcurrentHashMap<>();

  public void add(UsageKey key, TokenCounts tokens, long pico, long nowMillis) {
    while (!deltas.computeIfAbsent(key, k -> new UsageDelta()).add(tokens, pico, nowMillis)) {
      Thread.onSpinWait(); // the flusher retired this one between lookup and add
    }
  }

  /** Takes everything accumulated so far. */
  public Map<UsageKey, UsageDelta> drain() {
    Map<UsageKey, UsageDelta> out = new HashMap<>();
    for (UsageKey key : deltas.keySet()) {
      UsageDelta d = deltas.remove(key);
      if (d != null) {
        d.retire();
        // A writer may re-add the key while we iterate, and the iterator may then see it again.
        UsageDelta earlier = out.putIfAbsent(key, d);
        if (earlier != null) {
          UsageDelta both = new UsageDelta();
          both.merge(earlier);
          both.merge(d);
          out.put(key, both);
        }
      }
    }
    return out;
  }

  /** Puts back what a failed flush could not write, so it goes out with the next one. */
  public void restore(Map<UsageKey, UsageDelta> unwritten) {
    unwritten.forEach(
        (key, d) -> {
          while (!deltas.computeIfAbsent(key, k -> new UsageDelta()).merge(d)) {
            Thread.onSpinWait();
          }
        });
  }

  public int size() {
    return deltas.size();
  }
}
