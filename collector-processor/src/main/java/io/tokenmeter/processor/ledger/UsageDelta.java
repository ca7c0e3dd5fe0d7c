/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import io.tokenmeter.processor.pricing.TokenCounts;

/**
 * Usage of one rollup key not yet written to the ledger. Writers add under its lock; the flusher
 * retires it (after taking it out of the map) so a writer that still holds it retries on a new one.
 */
public final class UsageDelta {
  long input;
  long cacheRead;
  long cacheWrite;
  long output;
  long reasoning;
  long requests;
  long costPico;
  long firstSeen = Long.MAX_VALUE;
  long lastSeen = Long.MIN_VALUE;
  private boolean retired;

  synchronized boolean add(TokenCounts t, long pico, long nowMillis) {
    if (retired) {
      return false;
    }
    input += t.input();
    cacheRead += t.cacheRead();
    cacheWrite += t.cacheWrite();
    output += t.output();
    reasoning += t.reasoning();
    requests++;
    costPico += pico;
    firstSeen = Math.min(firstSeen, nowMillis);
    lastSeen = Math.max(lastSeen, nowMillis);
    return true;
  }

  synchronized boolean merge(UsageDelta o) {
    if (retired) {
      return false;
    }
    input += o.input;
    cacheRead += o.cacheRead;
    cacheWrite += o.cacheWrite;
    output += o.output;
    reasoning += o.reasoning;
    requests += o.requests;
    costPico += o.costPico;
    firstSeen = Math.min(firstSeen, o.firstSeen);
    lastSeen = Math.max(lastSeen, o.lastSeen);
    return true;
  }

  synchronized void retire() {
    retired = true;
  }

  public synchronized long requests() {
    return requests;
  }

  public synchronized long costPico() {
    return costPico;
  }
}
