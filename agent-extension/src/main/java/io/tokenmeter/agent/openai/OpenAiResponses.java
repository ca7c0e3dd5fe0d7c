/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.openai;

import static io.tokenmeter.agent.openai.OpenAiCalls.orNull;

import com.openai.core.ClientOptions;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.ResponsesModel;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCompletedEvent;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.ChunkReader;
import io.tokenmeter.agent.genai.LlmCall;
import io.tokenmeter.agent.genai.LlmResult;
import io.tokenmeter.agent.genai.LlmSpan;
import io.tokenmeter.agent.genai.OptionalMethod;
import java.util.concurrent.CompletableFuture;

/** The Responses API: sync, async and streamed (usage arrives with {@code response.completed}). */
public final class OpenAiResponses {
  private static final OptionalMethod SAFETY_IDENTIFIER = new OptionalMethod("safetyIdentifier");
  private static final OptionalMethod CONVERSATION = new OptionalMethod("conversation");
  private static final ChunkReader<Response> RESPONSE = OpenAiResponses::readResponse;
  private static final ChunkReader<ResponseStreamEvent> EVENT = OpenAiResponses::readEvent;

  private OpenAiResponses() {}

  public static LlmSpan start(ResponseCreateParams params, ClientOptions options, boolean stream) {
    try {
      LlmCall call = OpenAiCalls.newCall("chat", options).streaming(stream);
      // model() became Optional in 4.x; the raw field reads the same in every version.
      ResponsesModel model = orNull(params._model().asKnown());
      call.requestModel(model == null ? null : model(model))
          .temperature(orNull(params.temperature()))
          .topP(orNull(params.topP()))
          .maxTokens(orNull(params.maxOutputTokens()));
      String user = orNull(params.user());
      call.requestUser(user != null ? user : SAFETY_IDENTIFIER.stringValue(params));
      call.conversationId(conversationId(CONVERSATION.stringValue(params)));
      return OpenAiCalls.instrumenter().start(call);
    } catch (Throwable e) {
      OnceLogger.failure("starting an OpenAI Responses span", e);
      return null;
    }
  }

  public static void end(LlmSpan span, Response response, Throwable error) {
    OpenAiCalls.end(span, response, error, RESPONSE);
  }

  public static void endAsync(LlmSpan span, CompletableFuture<Response> future, Throwable error) {
    OpenAiCalls.endAsync(span, future, error, RESPONSE);
  }

  public static StreamResponse<ResponseStreamEvent> wrapStream(
      LlmSpan span, StreamResponse<ResponseStreamEvent> response, Throwable error) {
    return OpenAiStreamResponse.wrap(span, response, error, EVENT);
  }

  public static AsyncStreamResponse<ResponseStreamEvent> wrapAsyncStream(
      LlmSpan span, AsyncStreamResponse<ResponseStreamEvent> response, Throwable error) {
    return OpenAiAsyncStreamResponse.wrap(span, response, error, EVENT);
  }

  /**
   * The model is a union (custom string, chat model or Responses-only model); asString() throws for
   * the latter two.
   */
  private static String model(ResponsesModel model) {
    if (model.isChat()) {
      return model.asChat().asString();
    }
    if (model.isOnly()) {
      return model.asOnly().asString();
    }
    return model.string().orElse(null);
  }

  /** The SDK renders a conversation param as an id string or an object naming one. */
  private static String conversationId(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    int at = value.indexOf("id=");
    if (value.startsWith("ResponseConversationParam") && at >= 0) {
      int end = value.indexOf(',', at);
      return value.substring(at + 3, end < 0 ? value.length() - 1 : end).trim();
    }
    return value;
  }

  private static void readResponse(Response response, LlmResult result) {
    result.responseId(orNull(response._id().asKnown()));
    ResponsesModel model = orNull(response._model().asKnown());
    if (model != null) {
      result.responseModel(model(model));
    }
    ResponseStatus status = orNull(response.status());
    if (status != null) {
      result.addFinishReason(status.asString());
    }
    ResponseUsage usage = orNull(response.usage());
    if (usage != null) {
      OpenAiUsage.read(usage, result);
    }
  }

  private static void readEvent(ResponseStreamEvent event, LlmResult result) {
    ResponseCompletedEvent completed = orNull(event.completed());
    if (completed != null) {
      readResponse(completed.response(), result);
    }
  }
}
