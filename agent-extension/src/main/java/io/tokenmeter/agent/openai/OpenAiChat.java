/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.openai;

import static io.tokenmeter.agent.openai.OpenAiCalls.orNull;

import com.openai.core.ClientOptions;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.ChunkReader;
import io.tokenmeter.agent.genai.LlmCall;
import io.tokenmeter.agent.genai.LlmResult;
import io.tokenmeter.agent.genai.LlmSpan;
import io.tokenmeter.agent.genai.OptionalMethod;
import java.util.concurrent.CompletableFuture;

/** Chat completions: sync, async and streamed, mapped onto the shared GenAI span. */
public final class OpenAiChat {
  private static final OptionalMethod SAFETY_IDENTIFIER = new OptionalMethod("safetyIdentifier");
  private static final ChunkReader<ChatCompletion> COMPLETION = OpenAiChat::readCompletion;
  private static final ChunkReader<ChatCompletionChunk> CHUNK = OpenAiChat::readChunk;

  private OpenAiChat() {}

  public static LlmSpan start(
      ChatCompletionCreateParams params, ClientOptions options, boolean stream) {
    try {
      LlmCall call = OpenAiCalls.newCall("chat", options).streaming(stream);
      call.requestModel(params.model().asString())
          .temperature(orNull(params.temperature()))
          .topP(orNull(params.topP()))
          .seed(orNull(params.seed()));
      Long maxTokens = orNull(params.maxCompletionTokens());
      call.maxTokens(maxTokens != null ? maxTokens : orNull(params.maxTokens()));
      String user = orNull(params.user());
      call.requestUser(user != null ? user : SAFETY_IDENTIFIER.stringValue(params));
      return OpenAiCalls.instrumenter().start(call);
    } catch (Throwable e) {
      OnceLogger.failure("starting an OpenAI chat span", e);
      return null;
    }
  }

  public static void end(LlmSpan span, ChatCompletion completion, Throwable error) {
    OpenAiCalls.end(span, completion, error, COMPLETION);
  }

  public static void endAsync(
      LlmSpan span, CompletableFuture<ChatCompletion> future, Throwable error) {
    OpenAiCalls.endAsync(span, future, error, COMPLETION);
  }

  public static StreamResponse<ChatCompletionChunk> wrapStream(
      LlmSpan span, StreamResponse<ChatCompletionChunk> response, Throwable error) {
    return OpenAiStreamResponse.wrap(span, response, error, CHUNK);
  }

  public static AsyncStreamResponse<ChatCompletionChunk> wrapAsyncStream(
      LlmSpan span, AsyncStreamResponse<ChatCompletionChunk> response, Throwable error) {
    return OpenAiAsyncStreamResponse.wrap(span, response, error, CHUNK);
  }

  private static void readCompletion(ChatCompletion completion, LlmResult result) {
    result.responseId(orNull(completion._id().asKnown()));
    result.responseModel(orNull(completion._model().asKnown()));
    for (ChatCompletion.Choice choice : completion.choices()) {
      ChatCompletion.Choice.FinishReason reason = orNull(choice._finishReason().asKnown());
      result.addFinishReason(reason == null ? null : reason.asString());
    }
    CompletionUsage usage = orNull(completion.usage());
    if (usage != null) {
      OpenAiUsage.read(usage, result);
    }
  }

  private static void readChunk(ChatCompletionChunk chunk, LlmResult result) {
    result.responseId(orNull(chunk._id().asKnown()));
    result.responseModel(orNull(chunk._model().asKnown()));
    for (ChatCompletionChunk.Choice choice : chunk.choices()) {
      ChatCompletionChunk.Choice.FinishReason reason = orNull(choice.finishReason());
      if (reason != null) {
        result.addFinishReason(reason.asString());
      }
    }
    CompletionUsage usage = orNull(chunk.usage());
    if (usage != null) {
      OpenAiUsage.read(usage, result);
    }
  }
}
