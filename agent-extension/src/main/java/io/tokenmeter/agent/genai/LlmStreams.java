/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import io.tokenmeter.agent.OnceLogger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Ends spans of streamed and asynchronous calls without changing what the app receives. */
public final class LlmStreams {
  private LlmStreams() {}

  /**
   * Leaves the synchronous part of a call that returns a stream or future; when it failed or
   * returned nothing there is nothing to observe, so the span ends now and this returns false.
   */
  public static boolean continuesAsync(
      LlmSpan span, Object returned, Throwable error, String errorType) {
    span.closeScope();
    if (error == null && returned != null) {
      return true;
    }
    if (error != null) {
      span.result().errorType(errorType);
    }
    span.end(error);
    return false;
  }

  /** Reads a whole response into the span's result; our reading never throws into the app. */
  public static <T> void read(LlmSpan span, T response, ChunkReader<? super T> reader) {
    if (span == null || response == null) {
      return;
    }
    try {
      reader.read(response, span.result());
    } catch (Throwable e) {
      OnceLogger.failure("reading a response", e);
    }
  }

  /** Returns a stream with the same elements, order and close behaviour that feeds the span. */
  public static <T> Stream<T> observe(
      Stream<T> stream, LlmSpan span, ChunkReader<? super T> reader) {
    return StreamSupport.stream(
            new ObservingSpliterator<>(stream.spliterator(), span, reader), stream.isParallel())
        .onClose(stream::close);
  }

  /** Ends the span when the app's future completes; the app keeps the very same future. */
  public static <T> void endWhenDone(
      CompletableFuture<T> future, LlmSpan span, ChunkReader<? super T> reader) {
    future.whenComplete(
        (value, error) -> {
          if (error == null && value != null) {
            try {
              reader.read(value, span.result());
            } catch (Throwable e) {
              OnceLogger.failure("reading an asynchronous response", e);
            }
          }
          span.end(unwrap(error));
        });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
