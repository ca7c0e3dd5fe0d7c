/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

/** Errors queued with {@code failNext}: the next N requests fail with one status. */
final class FailurePlan {
  private int remaining;
  private int status;

  synchronized void failNext(int count, int httpStatus) {
    if (count < 0 || httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException(
          "need count >= 0 and an HTTP error status, got " + count + ", " + httpStatus);
    }
    remaining = count;
    status = httpStatus;
  }

  /** Returns the status for this request, or 0 when it should succeed. */
  synchronized int take() {
    if (remaining == 0) {
      return 0;
    }
    remaining--;
    return status;
  }
}
