/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.springai;

import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.OptionalMethod;
import java.lang.reflect.Method;
import java.util.function.Consumer;

/**
 * Watches the stream a pending Spring AI call aggregates: each chunk, for what the aggregate loses
 * (the cache counts), and its error, which never reaches {@code setResponse}. The app's stream is
 * unchanged but for a {@code doOnNext} and a {@code doOnError} that never throw.
 */
public final class SpringAiStreams {
  private static final OptionalMethod METADATA = new OptionalMethod("getMetadata");
  private static final OptionalMethod USAGE = new OptionalMethod("getUsage");
  private static volatile Method doOnNext;
  private static volatile Method doOnError;

  private SpringAiStreams() {}

  /** Returns the flux to aggregate: the same one, observed when a chat call is pending here. */
  public static Object observe(Object flux) {
    SpringAiCall call = SpringAiChat.pendingCall();
    if (call == null || call.finished() || flux == null) {
      return flux;
    }
    try {
      call.call.streaming(true);
      Object observed = fluxMethod(flux, "doOnNext").invoke(flux, new ChunkObserver(call));
      return fluxMethod(observed, "doOnError").invoke(observed, new ErrorObserver(call));
    } catch (Throwable e) {
      OnceLogger.failure("observing a Spring AI stream", e);
      return flux;
    }
  }

  /** {@code Flux.doOnNext(Consumer)} or {@code Flux.doOnError(Consumer)}. */
  private static Method fluxMethod(Object flux, String name) throws ReflectiveOperationException {
    boolean next = name.equals("doOnNext");
    Method method = next ? doOnNext : doOnError;
    if (method == null) {
      Class<?> type = flux.getClass();
      while (!type.getName().equals("reactor.core.publisher.Flux")) {
        type = type.getSuperclass();
      }
      method = type.getMethod(name, Consumer.class);
      if (next) {
        doOnNext = method;
      } else {
        doOnError = method;
      }
    }
    return method;
  }

  private static final class ErrorObserver implements Consumer<Throwable> {
    private final SpringAiCall call;

    ErrorObserver(SpringAiCall call) {
      this.call = call;
    }

    @Override
    public void accept(Throwable error) {
      SpringAiChat.failed(call, error);
    }
  }

  private static final class ChunkObserver implements Consumer<Object> {
    private final SpringAiCall call;

    ChunkObserver(SpringAiCall call) {
      this.call = call;
    }

    @Override
    public void accept(Object chunk) {
      try {
        call.streamCache.read(USAGE.value(METADATA.value(chunk)));
      } catch (Throwable e) {
        OnceLogger.failure("reading a Spring AI stream chunk", e);
      }
    }
  }
}
