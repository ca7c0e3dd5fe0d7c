package io.tokenmeter.processor.attribution;

import io.tokenmeter.processor.metrics.LongCounterFamily;
import io.tokenmeter.processor.metrics.ProcessorMetrics.SessionRow;
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
  private final LongCounterFamily overflow;
  private final Map<String, Entry> sessions;
  private SessionWindow evicted;

  public SessionTracker(
      int topK,
      int maxTracked,
      Duration window,
      Duration idle,
      LongSupplier clock,
      LongCounterFamily overflow) {
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

  /** Records one call of a session; {@code session} null is ignored. */
  public void record(String session, String user, double costUsd, long tokens) {
    if (session == null) {
      return;
    }
    long now = clock.getAsLong();
    synchronized (this) {
      Entry e = sessions.get(session);
      if (e == null) {
        if (sessions.size() >= topK) {
          overflow.inc("session");
        }
        e = new Entry(new SessionWindow(bucketMillis, BUCKETS));
        sessions.put(session, e);
      }
      e.user = user == null ? "" : user;
      e.lastSeen = now;
      e.window.add(now, costUsd, tokens, 1);
    }
  }

  /**
   * Returns the top sessions by windowed cost, then one {@value LabelGuard#OTHER} row for the rest.
   */
  public synchronized List<SessionRow> snapshot() {
    long now = clock.getAsLong();
    List<SessionRow> rows = new ArrayList<>();
    for (Iterator<Map.Entry<String, Entry>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Entry> e = it.next();
      if (now - e.getValue().lastSeen > idleMillis) {
        it.remove();
      } else {
        SessionWindow.Totals t = e.getValue().window.totals(now);
        rows.add(new SessionRow(e.getKey(), e.getValue().user, t.cost(), t.tokens(), t.requests()));
      }
    }
    rows.sort(Comparator.comparingDouble(SessionRow::costUsd).reversed());
    List<SessionRow> top = new ArrayList<>(rows.subList(0, Math.min(topK, rows.size())));
    SessionWindow.Totals rest = evicted.totals(now);
    for (SessionRow r : rows.subList(top.size(), rows.size())) {
      rest = rest.plus(new SessionWindow.Totals(r.costUsd(), r.tokens(), r.requests()));
    }
    if (rest.requests() > 0) {
      top.add(
          new SessionRow(
              LabelGuard.OTHER, LabelGuard.OTHER, rest.cost(), rest.tokens(), rest.requests()));
    }
    return top;
  }

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
