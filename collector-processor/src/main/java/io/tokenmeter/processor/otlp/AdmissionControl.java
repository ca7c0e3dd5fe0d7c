/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the export requests in flight across both transports, and refuses new ones while the
 * processor drains for shutdown.
 */
public final class AdmissionControl {
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  public AdmissionControl(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  /** Returns null when admitted (call {@link #exit()} later), else why the request is refused. */
  public IngestError tryEnter() {
    if (draining) {
      return IngestError.SHUTTING_DOWN;
    }
    if (inFlight.getAndUpdate(n -> n < maxInFlight ? n + 1 : n) >= maxInFlight) {
      return IngestError.OVERLOADED;
    }
    return null;
  }

  public void exit() {
    synchronized (inFlight) {
      inFlight.decrementAndGet();
      inFlight.notifyAll();
    }
  }

  public int inFlight() {
    return inFlight.get();
  }

  public boolean draining() {
    return draining;
  }

  /** Stops admitting requests and waits up to {@code timeout} for those in flight to finish. */
  public boolean drain(Duration timeout) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (inFlight) {
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        inFlight.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }
}
