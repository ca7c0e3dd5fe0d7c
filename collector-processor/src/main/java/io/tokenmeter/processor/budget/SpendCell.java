/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.budget;

/**
 * Period-to-date spend of one budget subject in pico-dollars: {@code total} includes what is stored
 * in the ledger plus {@code pending}, the part the next flush writes.
 */
final class SpendCell {
  final long seq;
  private long total;
  private long pending;
  private boolean retired;

  SpendCell(long seq, long persisted) {
    this.seq = seq;
    this.total = persisted;
  }

  /** Returns false when the cell was retired (taken out of the map); the caller retries. */
  synchronized boolean add(long pico) {
    if (retired) {
      return false;
    }
    total += pico;
    pending += pico;
    return true;
  }

  /** Retires the cell when nothing is pending; returns whether it did. */
  synchronized boolean retireIfWritten() {
    if (pending == 0) {
      retired = true;
    }
    return retired;
  }

  synchronized long total() {
    return total;
  }

  synchronized long takePending() {
    long p = pending;
    pending = 0;
    return p;
  }

  /** Puts back a pending amount a failed flush could not write. */
  synchronized boolean restorePending(long pico) {
    if (retired) {
      return false;
    }
    pending += pico;
    return true;
  }
}
