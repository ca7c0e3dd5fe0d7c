/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.testing.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Receives each decoded export request of an {@link OtlpReceiver} started with it, on the
 * receiver's handler threads, before the sender gets its answer.
 */
public interface OtlpListener {
  /** Called with a trace export request and the size of its (uncompressed) body in bytes. */
  void traces(ExportTraceServiceRequest request, int bytes);

  /** Called with a metrics export request and the size of its (uncompressed) body in bytes. */
  void metrics(ExportMetricsServiceRequest request, int bytes);
}
