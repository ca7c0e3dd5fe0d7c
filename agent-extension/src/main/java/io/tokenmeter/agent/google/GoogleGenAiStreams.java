/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.google;

import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import io.opentelemetry.instrumentation.api.internal.cache.Cache;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.LlmSpan;

/** Ties a {@code ResponseStream} to its call's span while the app iterates it. */
public final class GoogleGenAiStreams {
  // Weak keys: a stream the app never finishes nor closes must not be kept alive by us. (The
  // agent's
  // VirtualField needs build-time registration that extensions do not get.)
  private static final Cache<Object, LlmSpan> SPAN = Cache.weak();

  private GoogleGenAiStreams() {}

  static void attach(ResponseStream<?> stream, LlmSpan span) {
    SPAN.put(stream, span);
  }

  public static void onNext(Object stream, Object chunk, Throwable error) {
    LlmSpan span = spanOf(stream);
    if (span == null) {
      return;
    }
    if (error != null) {
      SPAN.remove(stream);
      GoogleGenAiCalls.endWithError(span, error);
      return;
    }
    try {
      span.chunkArrived();
      if (chunk instanceof GenerateContentResponse) {
        GoogleGenAiUsage.read((GenerateContentResponse) chunk, span.result());
      }
    } catch (Throwable e) {
      OnceLogger.failure("reading a streamed Google GenAI chunk", e);
    }
  }

  public static void onHasNext(Object stream, boolean hasNext) {
    if (!hasNext) {
      onClose(stream);
    }
  }

  public static void onClose(Object stream) {
    LlmSpan span = spanOf(stream);
    if (span != null) {
      SPAN.remove(stream);
      span.end(null);
    }
  }

  private static LlmSpan spanOf(Object stream) {
    return stream == null ? null : SPAN.get(stream);
  }
}
