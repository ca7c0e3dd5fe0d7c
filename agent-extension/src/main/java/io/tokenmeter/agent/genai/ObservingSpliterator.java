/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import io.tokenmeter.agent.OnceLogger;
import java.util.Spliterator;
import java.util.function.Consumer;

/**
 * Passes a stream's elements to the app unchanged while reading usage from them, and ends the span
 * when the stream runs out or fails. Our reading never throws into the app.
 */
public final class ObservingSpliterator<T> implements Spliterator<T> {
  private final Spliterator<T> delegate;
  private final LlmSpan span;
  private final ChunkReader<? super T> reader;

  public ObservingSpliterator(
      Spliterator<T> delegate, LlmSpan span, ChunkReader<? super T> reader) {
    this.delegate = delegate;
    this.span = span;
    this.reader = reader;
  }

  @Override
  public boolean tryAdvance(Consumer<? super T> action) {
    boolean[] appFailed = new boolean[1];
    boolean advanced;
    try {
      advanced =
          delegate.tryAdvance(
              chunk -> {
                observe(chunk);
                try {
                  action.accept(chunk);
                } catch (RuntimeException | Error e) {
                  appFailed[0] = true;
                  throw e;
                }
              });
    } catch (RuntimeException | Error e) {
      // The app's own consumer failing is not a provider error.
      span.end(appFailed[0] ? null : e);
      throw e;
    }
    if (!advanced) {
      span.end(null);
    }
    return advanced;
  }

  private void observe(T chunk) {
    try {
      span.chunkArrived();
      reader.read(chunk, span.result());
    } catch (Throwable e) {
      OnceLogger.failure("reading a streamed chunk", e);
    }
  }

  @Override
  public Spliterator<T> trySplit() {
    return null;
  }

  @Override
  public long estimateSize() {
    return delegate.estimateSize();
  }

  @Override
  public int characteristics() {
    return delegate.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
  }
}
