/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.anthropic;

import com.anthropic.core.http.StreamResponse;
import io.tokenmeter.agent.genai.ChunkReader;
import io.tokenmeter.agent.genai.LlmSpan;
import io.tokenmeter.agent.genai.LlmStreams;
import java.util.stream.Stream;

/** The app's event stream, element for element, feeding the call's span as it is read. */
final class AnthropicStreamResponse<T> implements StreamResponse<T> {
  private final StreamResponse<T> delegate;
  private final LlmSpan span;
  private final ChunkReader<? super T> reader;

  AnthropicStreamResponse(StreamResponse<T> delegate, LlmSpan span, ChunkReader<? super T> reader) {
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
      span.end(null);
    }
  }
}
