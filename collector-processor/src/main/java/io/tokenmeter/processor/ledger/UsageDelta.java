/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

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

  /** Adds one call; returns false when the delta was retired (the caller retries on a new one). */
  public synchronized boolean add(
      long input,
      long cacheRead,
      long cacheWrite,
      long output,
      long reasoning,
      long pico,
      long nowMillis) {
    if (retired) {
      return false;
    }
    this.input += input;
    this.cacheRead += cacheRead;
    this.cacheWrite += cacheWrite;
    this.output += output;
    this.reasoning += reasoning;
    requests++;
    costPico += pico;
    firstSeen = Math.min(firstSeen, nowMillis);
    lastSeen = Math.max(lastSeen, nowMillis);
    return true;
  }

  /** Adds everything {@code o} holds; returns false when this delta was retired. */
  public synchronized boolean merge(UsageDelta o) {
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

  /** Refuses further adds: the flusher has taken this delta out of the pending map. */
  public synchronized void retire() {
    retired = true;
  }

  public synchronized long input() {
    return input;
  }

  public synchronized long reasoning() {
    return reasoning;
  }

  public synchronized long firstSeen() {
    return firstSeen;
  }

  public synchronized long lastSeen() {
    return lastSeen;
  }

  public synchronized long requests() {
    return requests;
  }

  public synchronized long costPico() {
    return costPico;
  }
}
