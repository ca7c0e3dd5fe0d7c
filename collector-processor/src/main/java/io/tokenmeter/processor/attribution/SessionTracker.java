/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.attribution;

import io.tokenmeter.pricing.PicoCost;
import io.tokenmeter.processor.metrics.CardinalityMetrics;
import io.tokenmeter.processor.metrics.ProcessorMetrics.SessionRow;
import io.tokenmeter.processor.normalize.GenAiCall;
import io.tokenmeter.processor.price.PricedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Tracks spend per session over a sliding window, in bounded memory: at most {@code maxTracked}
 * sessions are held (least recently active first out, its spend folded into {@value
 * LabelGuard#OTHER}), sessions idle longer than {@code idle} are dropped, and a snapshot exposes
 * the top {@code topK} by cost with the rest summed as {@value LabelGuard#OTHER}.
 */
public final class SessionTracker {
  private static final int BUCKETS = 12;

  private final int topK;
  private final long idleMillis;
  private final long bucketMillis;
  private final LongSupplier clock;
  private final CardinalityMetrics overflow;
  private final Map<String, Entry> sessions;
  private SessionWindow evicted;

  public SessionTracker(
      int topK,
      int maxTracked,
      Duration window,
      Duration idle,
      LongSupplier clock,
      CardinalityMetrics overflow) {
    this.topK = topK;
    this.idleMillis = idle.toMillis();
    this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
    this.clock = clock;
    this.overflow = overflow;
    this.evicted = new SessionWindow(bucketMillis, BUCKETS);
    this.sessions =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            if (size() <= maxTracked) {
              return false;
            }
            evicted.absorb(eldest.getValue().window, clock.getAsLong());
            return true;
          }
        };
  }

  /**
   * Records one call of a session costing {@code pico} pico-dollars; {@code session} null is
   * ignored.
   */
  public void record(String session, String user, long pico, long tokens) {
    if (session == null) {
      return;
    }
    long now = clock.getAsLong();
    synchronized (this) {
      add(session, user, pico, tokens, now);
    }
  }

  /** Records the calls of one export request that have a session, taking the lock once. */
  public void record(List<PricedCall> calls) {
    long now = clock.getAsLong();
    synchronized (this) {
      for (int i = 0, n = calls.size(); i < n; i++) {
        PricedCall p = calls.get(i);
        GenAiCall c = p.call();
        if (c.session() != null) {
          add(c.session(), c.user(), p.priced() ? p.cost().total() : 0, p.tokens().total(), now);
        }
      }
    }
  }

  private void add(String session, String user, long pico, long tokens, long now) {
    Entry e = sessions.get(session);
    if (e == null) {
      if (sessions.size() >= topK) {
        overflow.labelValueFolded("session");
      }
      e = new Entry(new SessionWindow(bucketMillis, BUCKETS));
      sessions.put(session, e);
    }
    e.user = user == null ? "" : user;
    e.lastSeen = now;
    e.window.add(now, pico, tokens, 1);
  }

  /**
   * Returns the top sessions by windowed cost, then one {@value LabelGuard#OTHER} row for the rest.
   */
  public synchronized List<SessionRow> snapshot() {
    long now = clock.getAsLong();
    List<Ranked> ranked = new ArrayList<>();
    for (Iterator<Map.Entry<String, Entry>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Entry> e = it.next();
      if (now - e.getValue().lastSeen > idleMillis) {
        it.remove();
      } else {
        ranked.add(new Ranked(e.getKey(), e.getValue().user, e.getValue().window.totals(now)));
      }
    }
    ranked.sort(Comparator.comparingLong((Ranked r) -> r.totals().pico()).reversed());
    List<SessionRow> top = new ArrayList<>();
    for (Ranked r : ranked.subList(0, Math.min(topK, ranked.size()))) {
      top.add(row(r.session(), r.user(), r.totals()));
    }
    SessionWindow.Totals rest = evicted.totals(now);
    for (Ranked r : ranked.subList(top.size(), ranked.size())) {
      rest = rest.plus(r.totals());
    }
    if (rest.requests() > 0) {
      top.add(row(LabelGuard.OTHER, LabelGuard.OTHER, rest));
    }
    return top;
  }

  private static SessionRow row(String session, String user, SessionWindow.Totals t) {
    return new SessionRow(session, user, PicoCost.usd(t.pico()), t.tokens(), t.requests());
  }

  private record Ranked(String session, String user, SessionWindow.Totals totals) {}

  /** Returns how many sessions are held in memory. */
  public synchronized int trackedCount() {
    return sessions.size();
  }

  private static final class Entry {
    final SessionWindow window;
    String user;
    long lastSeen;

    Entry(SessionWindow window) {
      this.window = window;
    }
  }
}
