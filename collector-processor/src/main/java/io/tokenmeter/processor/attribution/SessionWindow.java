/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.attribution;

import java.util.Arrays;

/**
 * Cost (in pico-dollars, summed exactly), tokens and requests of one session in a ring of time
 * buckets covering the sliding window.
 */
final class SessionWindow {
  private final long bucketMillis;
  private final long[] stamps;
  private final long[] pico;
  private final long[] tokens;
  private final long[] requests;

  SessionWindow(long bucketMillis, int buckets) {
    this.bucketMillis = bucketMillis;
    this.stamps = new long[buckets];
    this.pico = new long[buckets];
    this.tokens = new long[buckets];
    this.requests = new long[buckets];
    Arrays.fill(stamps, -1);
  }

  void add(long nowMillis, long c, long t, long r) {
    long bucket = nowMillis / bucketMillis;
    int slot = (int) (bucket % stamps.length);
    if (stamps[slot] != bucket) {
      stamps[slot] = bucket;
      pico[slot] = 0;
      tokens[slot] = 0;
      requests[slot] = 0;
    }
    pico[slot] += c;
    tokens[slot] += t;
    requests[slot] += r;
  }

  /** Adds every live bucket of {@code other} into this window. */
  void absorb(SessionWindow other, long nowMillis) {
    long oldest = nowMillis / bucketMillis - stamps.length + 1;
    for (int i = 0; i < other.stamps.length; i++) {
      if (other.stamps[i] >= oldest) {
        add(other.stamps[i] * bucketMillis, other.pico[i], other.tokens[i], other.requests[i]);
      }
    }
  }

  Totals totals(long nowMillis) {
    long oldest = nowMillis / bucketMillis - stamps.length + 1;
    long c = 0;
    long t = 0;
    long r = 0;
    for (int i = 0; i < stamps.length; i++) {
      if (stamps[i] >= oldest) {
        c += pico[i];
        t += tokens[i];
        r += requests[i];
      }
    }
    return new Totals(c, t, r);
  }

  record Totals(long pico, long tokens, long requests) {
    Totals plus(Totals o) {
      return new Totals(pico + o.pico, tokens + o.tokens, requests + o.requests);
    }
  }
}
