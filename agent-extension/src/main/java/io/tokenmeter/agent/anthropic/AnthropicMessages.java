/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.anthropic;

import com.anthropic.core.ClientOptions;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Metadata;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.CallNesting;
import io.tokenmeter.agent.genai.ChunkReader;
import io.tokenmeter.agent.genai.LlmCall;
import io.tokenmeter.agent.genai.LlmInstrumenter;
import io.tokenmeter.agent.genai.LlmSpan;
import io.tokenmeter.agent.genai.LlmStreams;
import io.tokenmeter.agent.genai.OptionalMethod;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Anthropic Messages calls: sync, async and streamed, or only the user hand-off on SDK-traced
 * clients.
 */
public final class AnthropicMessages {
  private static final LlmInstrumenter INSTRUMENTER = LlmInstrumenter.create("anthropic-java");
  // Gone from MessageCreateParams in 3.x; only our own (pre-3.0) spans need them.
  private static final OptionalMethod TEMPERATURE = new OptionalMethod("temperature");
  private static final OptionalMethod TOP_P = new OptionalMethod("topP");
  private static final OptionalMethod TOP_K = new OptionalMethod("topK");
  private static final ChunkReader<Message> MESSAGE = AnthropicUsage::readMessage;
  private static final ChunkReader<RawMessageStreamEvent> EVENT = AnthropicUsage::readEvent;

  private AnthropicMessages() {}

  public static AnthropicCall start(
      MessageCreateParams params, ClientOptions options, boolean stream) {
    try {
      String user = requestUser(params);
      if (AnthropicNativeTelemetry.tracesItself(options)) {
        CallNesting.innerSpanStarting(); // the SDK's own span is the billed one
        return new AnthropicCall(null, AnthropicNativeTelemetry.offerRequestUser(user));
      }
      LlmCall call = new LlmCall("chat", "anthropic").streaming(stream).requestUser(user);
      call.requestModel(params.model().asString())
          .maxTokens(params.maxTokens())
          .temperature(TEMPERATURE.doubleValue(params))
          .topP(TOP_P.doubleValue(params))
          .topK(TOP_K.doubleValue(params));
      call.baseUrl(AnthropicBaseUrl.of(options));
      return new AnthropicCall(INSTRUMENTER.start(call), null);
    } catch (Throwable e) {
      OnceLogger.failure("starting an Anthropic span", e);
      return null;
    }
  }

  private static String requestUser(MessageCreateParams params) {
    Metadata metadata = orNull(params.metadata());
    return metadata == null ? null : orNull(metadata.userId());
  }

  public static void end(AnthropicCall call, Message message, Throwable error) {
    LlmSpan span = AnthropicCall.leave(call);
    if (span != null) {
      LlmStreams.read(span, message, MESSAGE);
      if (error != null) {
        span.result().errorType(errorType(error));
      }
      span.end(error);
    }
  }

  public static void endAsync(
      AnthropicCall call, CompletableFuture<Message> future, Throwable error) {
    LlmSpan span = AnthropicCall.leave(call);
    if (span != null && LlmStreams.continuesAsync(span, future, error, errorType(error))) {
      LlmStreams.endWhenDone(future, span, MESSAGE);
    }
  }

  public static StreamResponse<RawMessageStreamEvent> wrapStream(
      AnthropicCall call, StreamResponse<RawMessageStreamEvent> response, Throwable error) {
    LlmSpan span = AnthropicCall.leave(call);
    if (span == null || !LlmStreams.continuesAsync(span, response, error, errorType(error))) {
      return response;
    }
    return new AnthropicStreamResponse<>(response, span, EVENT);
  }

  public static AsyncStreamResponse<RawMessageStreamEvent> wrapAsyncStream(
      AnthropicCall call, AsyncStreamResponse<RawMessageStreamEvent> response, Throwable error) {
    LlmSpan span = AnthropicCall.leave(call);
    return span == null
        ? response
        : AnthropicAsyncStreamResponse.wrap(span, response, error, EVENT);
  }

  static String errorType(Throwable error) {
    if (error == null) {
      return null;
    }
    if (error instanceof AnthropicServiceException) {
      return Integer.toString(((AnthropicServiceException) error).statusCode());
    }
    return error.getClass().getName();
  }

  static <T> T orNull(Optional<T> value) {
    return value.isPresent() ? value.get() : null;
  }
}
