/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import io.tokenmeter.agent.OnceLogger;

/**
 * The SDK-neutral half of an observed asynchronous stream: reads each chunk into the span's result
 * and ends the span when the stream completes, whichever of the handler or the completion future
 * says so first.
 */
public final class AsyncStreamObserver<T> {
  private final LlmSpan span;
  private final ChunkReader<? super T> reader;

  public AsyncStreamObserver(LlmSpan span, ChunkReader<? super T> reader) {
    this.span = span;
    this.reader = reader;
  }

  public void onChunk(T chunk) {
    try {
      span.chunkArrived();
      reader.read(chunk, span.result());
    } catch (Throwable e) {
      OnceLogger.failure("reading an asynchronously streamed chunk", e);
    }
  }

  public void onComplete(Throwable error) {
    span.end(error);
  }
}
