/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.openai;

import static io.tokenmeter.agent.openai.OpenAiCalls.orNull;

import com.openai.core.ClientOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.ChunkReader;
import io.tokenmeter.agent.genai.LlmCall;
import io.tokenmeter.agent.genai.LlmResult;
import io.tokenmeter.agent.genai.LlmSpan;
import java.util.concurrent.CompletableFuture;

/** Embeddings: input tokens only. */
public final class OpenAiEmbeddings {
  private static final ChunkReader<CreateEmbeddingResponse> RESPONSE = OpenAiEmbeddings::read;

  private OpenAiEmbeddings() {}

  public static LlmSpan start(EmbeddingCreateParams params, ClientOptions options) {
    try {
      LlmCall call = OpenAiCalls.newCall("embeddings", options);
      call.requestModel(params.model().asString()).requestUser(orNull(params.user()));
      return OpenAiCalls.instrumenter().start(call);
    } catch (Throwable e) {
      OnceLogger.failure("starting an OpenAI embeddings span", e);
      return null;
    }
  }

  public static void end(LlmSpan span, CreateEmbeddingResponse response, Throwable error) {
    OpenAiCalls.end(span, response, error, RESPONSE);
  }

  public static void endAsync(
      LlmSpan span, CompletableFuture<CreateEmbeddingResponse> future, Throwable error) {
    OpenAiCalls.endAsync(span, future, error, RESPONSE);
  }

  private static void read(CreateEmbeddingResponse response, LlmResult result) {
    result.responseModel(orNull(response._model().asKnown()));
    CreateEmbeddingResponse.Usage usage = orNull(response._usage().asKnown());
    if (usage != null) {
      result.inputTokens(orNull(usage._promptTokens().asKnown()));
    }
  }
}
