/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.google;

import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.ChunkReader;
import io.tokenmeter.agent.genai.LlmCall;
import io.tokenmeter.agent.genai.LlmInstrumenter;
import io.tokenmeter.agent.genai.LlmSpan;
import io.tokenmeter.agent.genai.LlmStreams;
import java.util.concurrent.CompletableFuture;

/** generateContent (plain and streamed) and embedContent calls of the Google GenAI SDK. */
public final class GoogleGenAiCalls {
  private static final LlmInstrumenter INSTRUMENTER = LlmInstrumenter.create("google-genai");
  private static final ChunkReader<GenerateContentResponse> RESPONSE = GoogleGenAiUsage::read;
  private static final ChunkReader<EmbedContentResponse> EMBEDDINGS = (response, result) -> {};

  private GoogleGenAiCalls() {}

  public static LlmSpan startGenerate(
      String model, GenerateContentConfig config, Object client, boolean stream) {
    try {
      LlmCall call = new LlmCall("generate_content", GoogleGenAiClient.provider(client));
      call.requestModel(modelName(model))
          .streaming(stream)
          .baseUrl(GoogleGenAiClient.baseUrl(client));
      if (config != null) {
        call.temperature(toDouble(GoogleGenAiUsage.orNull(config.temperature())))
            .topP(toDouble(GoogleGenAiUsage.orNull(config.topP())))
            .topK(toDouble(GoogleGenAiUsage.orNull(config.topK())))
            .maxTokens(toLong(GoogleGenAiUsage.orNull(config.maxOutputTokens())))
            .seed(toLong(GoogleGenAiUsage.orNull(config.seed())));
      }
      return INSTRUMENTER.start(call);
    } catch (Throwable e) {
      OnceLogger.failure("starting a Google GenAI span", e);
      return null;
    }
  }

  public static LlmSpan startEmbed(String model, Object client) {
    try {
      LlmCall call = new LlmCall("embeddings", GoogleGenAiClient.provider(client));
      call.requestModel(modelName(model)).baseUrl(GoogleGenAiClient.baseUrl(client));
      return INSTRUMENTER.start(call);
    } catch (Throwable e) {
      OnceLogger.failure("starting a Google GenAI span", e);
      return null;
    }
  }

  public static void endGenerate(LlmSpan span, GenerateContentResponse response, Throwable error) {
    if (span == null) {
      return;
    }
    span.closeScope();
    if (response != null) {
      try {
        GoogleGenAiUsage.read(response, span.result());
      } catch (Throwable e) {
        OnceLogger.failure("reading a Google GenAI response", e);
      }
    }
    endWithError(span, error);
  }

  public static void endEmbed(LlmSpan span, EmbedContentResponse response, Throwable error) {
    if (span == null) {
      return;
    }
    span.closeScope();
    // The SDK's embedding response carries no token counts: the span records usage as missing.
    endWithError(span, error);
  }

  public static void endGenerateAsync(
      LlmSpan span, CompletableFuture<GenerateContentResponse> future, Throwable error) {
    endWhenDone(span, future, error, RESPONSE);
  }

  public static void endEmbedAsync(
      LlmSpan span, CompletableFuture<EmbedContentResponse> future, Throwable error) {
    endWhenDone(span, future, error, EMBEDDINGS);
  }

  private static <T> void endWhenDone(
      LlmSpan span, CompletableFuture<T> future, Throwable error, ChunkReader<T> reader) {
    if (span == null) {
      return;
    }
    span.closeScope();
    if (error != null || future == null) {
      endWithError(span, error);
      return;
    }
    future.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            span.result().errorType(errorType(unwrap(failure)));
          }
        });
    LlmStreams.endWhenDone(future, span, reader);
  }

  public static void observeStream(
      LlmSpan span, ResponseStream<GenerateContentResponse> stream, Throwable error) {
    if (span == null) {
      return;
    }
    span.closeScope();
    attachOrEnd(span, stream, error);
  }

  public static void observeStreamAsync(
      LlmSpan span,
      CompletableFuture<ResponseStream<GenerateContentResponse>> future,
      Throwable error) {
    if (span == null) {
      return;
    }
    span.closeScope();
    if (error != null || future == null) {
      endWithError(span, error);
      return;
    }
    future.whenComplete((stream, failure) -> attachOrEnd(span, stream, unwrap(failure)));
  }

  private static void attachOrEnd(
      LlmSpan span, ResponseStream<GenerateContentResponse> stream, Throwable error) {
    if (error != null || stream == null) {
      endWithError(span, error);
      return;
    }
    try {
      GoogleGenAiStreams.attach(stream, span);
    } catch (Throwable e) {
      OnceLogger.failure("observing a Google GenAI stream", e);
      span.end(null);
    }
  }

  static void endWithError(LlmSpan span, Throwable error) {
    if (error != null) {
      span.result().errorType(errorType(error));
    }
    span.end(error);
  }

  static String errorType(Throwable error) {
    if (error instanceof ApiException) {
      return Integer.toString(((ApiException) error).code());
    }
    return error == null ? null : error.getClass().getName();
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  /** The SDK accepts {@code gemini-2.5-flash} and {@code models/gemini-2.5-flash}. */
  private static String modelName(String model) {
    return model != null && model.startsWith("models/")
        ? model.substring("models/".length())
        : model;
  }

  private static Double toDouble(Float value) {
    return value == null ? null : value.doubleValue();
  }

  private static Long toLong(Integer value) {
    return value == null ? null : value.longValue();
  }
}
