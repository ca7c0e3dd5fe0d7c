/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.openai;

import com.openai.core.ClientOptions;
import com.openai.errors.OpenAIServiceException;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.ChunkReader;
import io.tokenmeter.agent.genai.LlmCall;
import io.tokenmeter.agent.genai.LlmInstrumenter;
import io.tokenmeter.agent.genai.LlmSpan;
import io.tokenmeter.agent.genai.LlmStreams;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What chat, Responses and embeddings calls share: the instrumenter, provider, server and errors.
 */
final class OpenAiCalls {
  private static final LlmInstrumenter INSTRUMENTER = LlmInstrumenter.create("openai-java");

  private OpenAiCalls() {}

  static LlmInstrumenter instrumenter() {
    return INSTRUMENTER;
  }

  static LlmCall newCall(String operation, ClientOptions options) {
    String baseUrl = baseUrl(options);
    return new LlmCall(operation, provider(baseUrl)).baseUrl(baseUrl);
  }

  private static String baseUrl(ClientOptions options) {
    try {
      return options == null ? null : options.baseUrl();
    } catch (Throwable e) {
      OnceLogger.failure("reading the OpenAI base URL", e);
      return null;
    }
  }

  static String provider(String baseUrl) {
    if (baseUrl != null
        && (baseUrl.contains(".openai.azure.com")
            || baseUrl.contains(".cognitiveservices.azure.com")
            || baseUrl.contains(".services.ai.azure.com"))) {
      return "azure.ai.openai";
    }
    return "openai";
  }

  /** Ends the span of a call that returned (read by the reader) or threw synchronously. */
  static <T> void end(LlmSpan span, T response, Throwable error, ChunkReader<? super T> reader) {
    LlmStreams.read(span, response, reader);
    end(span, error);
  }

  /** Ends the span when the app's future completes; the app keeps the very same future. */
  static <T> void endAsync(
      LlmSpan span, CompletableFuture<T> future, Throwable error, ChunkReader<? super T> reader) {
    if (span != null && LlmStreams.continuesAsync(span, future, error, errorType(error))) {
      LlmStreams.endWhenDone(future, span, reader);
    }
  }

  /** Ends the span of a call that threw or returned synchronously. */
  static void end(LlmSpan span, Throwable error) {
    if (span == null) {
      return;
    }
    span.closeScope();
    if (error != null) {
      span.result().errorType(errorType(error));
    }
    span.end(error);
  }

  static String errorType(Throwable error) {
    if (error == null) {
      return null;
    }
    if (error instanceof OpenAIServiceException) {
      return Integer.toString(((OpenAIServiceException) error).statusCode());
    }
    return error.getClass().getName();
  }

  static <T> T orNull(Optional<T> value) {
    return value.isPresent() ? value.get() : null;
  }
}
