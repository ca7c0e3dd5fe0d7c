/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.usage;

import io.tokenmeter.processor.ledger.UsageDelta;
import io.tokenmeter.processor.ledger.UsageKey;
import io.tokenmeter.processor.price.TokenCounts;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * Rollup usage received since the last flush, keyed by {@link UsageKey}. Adding is a map lookup and
 * a short lock on one key; draining hands every delta to the flusher exactly once.
 *
 * <p>The backlog is bounded by {@code maxPending} keys (default 100,000, {@code
 * ledger.max_pending_rollups}). At half of it the flusher is woken instead of waiting for its
 * interval. At the bound (writes slower than ingest, or failing) a new key's user and session fold
 * into {@value UsageKey#OTHER}: keys already pending keep counting exactly, and totals (requests,
 * tokens, cost) are never dropped, only their per-user and per-session detail. Folded calls are
 * counted; the first fold logs a warning. With one batch being written while the next gathers, at
 * most about twice the bound is in memory, plus the folded keys (one per day, service, provider,
 * model and agent).
 */
public final class UsageAccumulator {
  /** The default of {@code ledger.max_pending_rollups}. */
  private static final int DEFAULT_MAX_PENDING = 100_000;

  /** Distinct service, provider, model and agent names whose one copy pending keys share. */
  private static final int MAX_SHARED_NAMES = 10_000;

  private static final Logger LOG = Logger.getLogger(UsageAccumulator.class.getName());

  private final ConcurrentHashMap<UsageKey, UsageDelta> deltas = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> sharedNames = new ConcurrentHashMap<>();
  private final int maxPending;
  private final int flushAt;
  private final LongConsumer foldedCalls;
  private final AtomicBoolean flushRequested = new AtomicBoolean();
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile Runnable flushSoon = () -> {};

  /** An accumulator with the default bound whose folded calls are not counted anywhere. */
  public UsageAccumulator() {
    this(DEFAULT_MAX_PENDING, n -> {});
  }

  /** {@code foldedCalls} receives the number of calls whose user and session were folded. */
  public UsageAccumulator(int maxPending, LongConsumer foldedCalls) {
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be positive, got " + maxPending);
    }
    this.maxPending = maxPending;
    this.flushAt = Math.max(1, maxPending / 2);
    this.foldedCalls = foldedCalls;
  }

  /**
   * Sets what wakes the flusher when the backlog reaches half the bound; it must not block, and is
   * called at most once per drain.
   */
  public void onBacklog(Runnable flushSoon) {
    this.flushSoon = flushSoon;
  }

  public void add(UsageKey key, TokenCounts tokens, long pico, long nowMillis) {
    UsageDelta d = deltas.get(key);
    if (d != null && add(d, tokens, pico, nowMillis)) {
      return;
    }
    key = admit(key, 1);
    while (!add(deltas.computeIfAbsent(key, k -> new UsageDelta()), tokens, pico, nowMillis)) {
      Thread.onSpinWait(); // the flusher retired this one between lookup and add
    }
  }

  private static boolean add(UsageDelta d, TokenCounts t, long pico, long nowMillis) {
    return d.add(
        t.input(), t.cacheRead(), t.cacheWrite(), t.output(), t.reasoning(), pico, nowMillis);
  }

  /**
   * Returns the key to count {@code calls} under: {@code key} itself while the backlog has room or
   * the key is pending already, else its folded form; new keys share their service, provider, model
   * and agent strings with the keys pending already.
   */
  private UsageKey admit(UsageKey key, long calls) {
    int size = deltas.size();
    if (size >= flushAt && flushRequested.compareAndSet(false, true)) {
      flushSoon.run();
    }
    if (size < maxPending) {
      return key.withSharedNames(this::shared);
    }
    if (deltas.containsKey(key)) {
      return key;
    }
    UsageKey folded = key.folded();
    if (folded != key) {
      foldedCalls.accept(calls);
      if (warned.compareAndSet(false, true)) {
        LOG.warning(
            "ledger backlog reached "
                + maxPending
                + " pending rollups (ledger writes slower than ingest, or failing): new users and"
                + " sessions are recorded as "
                + UsageKey.OTHER
                + " until it drains; totals stay exact. Raise ledger.max_pending_rollups or"
                + " speed up the ledger database.");
      }
    }
    return folded.withSharedNames(this::shared);
  }

  /** Returns the one copy of {@code name} pending keys share, while there are few names. */
  private String shared(String name) {
    String s = sharedNames.get(name);
    if (s != null) {
      return s;
    }
    if (sharedNames.size() >= MAX_SHARED_NAMES) {
      return name;
    }
    s = sharedNames.putIfAbsent(name, name);
    return s == null ? name : s;
  }

  /** Takes everything accumulated so far. */
  public Map<UsageKey, UsageDelta> drain() {
    flushRequested.set(false);
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

  /**
   * Puts back what a failed flush could not write, so it goes out with the next one. What does not
   * fit under the bound folds like new keys do, so a database that stays down cannot grow the
   * backlog; the next try waits for the flush interval rather than the backlog.
   */
  public void restore(Map<UsageKey, UsageDelta> unwritten) {
    flushRequested.set(true);
    unwritten.forEach(
        (key, d) -> {
          UsageKey k = admit(key, d.requests());
          while (!deltas.computeIfAbsent(k, x -> new UsageDelta()).merge(d)) {
            Thread.onSpinWait();
          }
        });
  }

  public int size() {
    return deltas.size();
  }
}
