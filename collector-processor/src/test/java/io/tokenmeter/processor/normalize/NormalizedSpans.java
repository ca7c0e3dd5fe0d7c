/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import io.opentelemetry.proto.trace.v1.Span;

/** Reads spans the way the pipeline does, for tests. */
final class NormalizedSpans {
  private NormalizedSpans() {}

  /** Returns the call a span describes, or null when it is not a GenAI span. */
  static GenAiCall call(String service, Span span) {
    return SpanNormalizer.isGenAi(span) ? SpanNormalizer.normalizeGenAi(service, span) : null;
  }
}
