/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

/** What the OTLP receivers report: spans taken in and export requests refused. */
public interface IngestMetrics {
  /** Counts {@code spans} of an accepted export request received over {@code transport}. */
  void spansAccepted(String transport, long spans);

  /** Counts one export request refused, by transport, signal and reason. */
  void requestRejected(String transport, String signal, String reason);
}
