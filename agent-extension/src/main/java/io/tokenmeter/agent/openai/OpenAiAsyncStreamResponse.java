/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.openai;

import com.openai.core.http.AsyncStreamResponse;
import io.tokenmeter.agent.genai.AsyncStreamObserver;
import io.tokenmeter.agent.genai.ChunkReader;
import io.tokenmeter.agent.genai.LlmSpan;
import io.tokenmeter.agent.genai.LlmStreams;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The app's asynchronous stream, chunk for chunk, feeding the call's span as chunks arrive. */
final class OpenAiAsyncStreamResponse<T> implements AsyncStreamResponse<T> {
  private final AsyncStreamResponse<T> delegate;
  private final AsyncStreamObserver<T> observer;

  private OpenAiAsyncStreamResponse(
      AsyncStreamResponse<T> delegate, AsyncStreamObserver<T> observer) {
    this.delegate = delegate;
    this.observer = observer;
  }

  static <T> AsyncStreamResponse<T> wrap(
      LlmSpan span,
      AsyncStreamResponse<T> response,
      Throwable error,
      ChunkReader<? super T> reader) {
    if (span == null
        || !LlmStreams.continuesAsync(span, response, error, OpenAiCalls.errorType(error))) {
      return response;
    }
    AsyncStreamObserver<T> observer = new AsyncStreamObserver<>(span, reader);
    response.onCompleteFuture().whenComplete((ignored, failure) -> observer.onComplete(failure));
    return new OpenAiAsyncStreamResponse<>(response, observer);
  }

  @Override
  public AsyncStreamResponse<T> subscribe(Handler<? super T> handler) {
    delegate.subscribe(new ObservingHandler<>(handler, observer));
    return this;
  }

  @Override
  public AsyncStreamResponse<T> subscribe(Handler<? super T> handler, Executor executor) {
    delegate.subscribe(new ObservingHandler<>(handler, observer), executor);
    return this;
  }

  @Override
  public CompletableFuture<Void> onCompleteFuture() {
    return delegate.onCompleteFuture();
  }

  @Override
  public void close() {
    delegate.close();
  }

  static final class ObservingHandler<T> implements Handler<T> {
    private final Handler<? super T> handler;
    private final AsyncStreamObserver<T> observer;

    ObservingHandler(Handler<? super T> handler, AsyncStreamObserver<T> observer) {
      this.handler = handler;
      this.observer = observer;
    }

    @Override
    public void onNext(T chunk) {
      observer.onChunk(chunk);
      handler.onNext(chunk);
    }

    @Override
    public void onComplete(Optional<Throwable> error) {
      observer.onComplete(error.orElse(null));
      handler.onComplete(error);
    }
  }
}
