/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.openai;

import com.openai.core.http.StreamResponse;
import io.tokenmeter.agent.genai.ChunkReader;
import io.tokenmeter.agent.genai.LlmSpan;
import io.tokenmeter.agent.genai.LlmStreams;
import java.util.stream.Stream;

/** The app's stream response, element for element, feeding the call's span as it is read. */
final class OpenAiStreamResponse<T> implements StreamResponse<T> {
  private final StreamResponse<T> delegate;
  private final LlmSpan span;
  private final ChunkReader<? super T> reader;

  OpenAiStreamResponse(StreamResponse<T> delegate, LlmSpan span, ChunkReader<? super T> reader) {
    this.delegate = delegate;
    this.span = span;
    this.reader = reader;
  }

  @Override
  public Stream<T> stream() {
    return LlmStreams.observe(delegate.stream(), span, reader);
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      // Closed before the end: whatever usage arrived is what the call reports.
      span.end(null);
    }
  }

  static <T> StreamResponse<T> wrap(
      LlmSpan span, StreamResponse<T> response, Throwable error, ChunkReader<? super T> reader) {
    if (span == null
        || !LlmStreams.continuesAsync(span, response, error, OpenAiCalls.errorType(error))) {
      return response;
    }
    return new OpenAiStreamResponse<>(response, span, reader);
  }
}
