/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

import java.util.function.IntSupplier;

/** What the OTLP forwarder reports about the requests it sends downstream. */
public interface ForwardMetrics {
  /** Counts one export request delivered downstream. */
  void requestForwarded(String signal);

  /** Counts one export request not delivered (queue_full, failed, shutdown). */
  void requestDropped(String signal, String reason);

  /** Reads the number of requests waiting for the downstream from {@code length} at scrape time. */
  void forwardQueue(IntSupplier length);
}
