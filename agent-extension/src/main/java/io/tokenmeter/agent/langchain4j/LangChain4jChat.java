/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.langchain4j;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.tokenmeter.agent.OnceLogger;
import io.tokenmeter.agent.genai.CallNesting;
import io.tokenmeter.agent.genai.LlmCall;
import io.tokenmeter.agent.genai.LlmInstrumenter;
import io.tokenmeter.agent.genai.LlmResult;
import java.util.Map;

/**
 * One span per LangChain4j chat model round trip. The call is kept in its listener attributes
 * between {@code onRequest} and {@code onResponse}/{@code onError} (a streamed response ends on
 * another thread) and recorded when it ends, unless an SDK layer underneath (an official-SDK model
 * module) made the billed span itself: then LangChain4j adds none (see {@link CallNesting}).
 */
public final class LangChain4jChat {
  private static final LlmInstrumenter INSTRUMENTER = LlmInstrumenter.create("langchain4j");

  /** Our entry in the per-call attributes map (an object of our own, so no app key can clash). */
  private static final Object CALL = new Object();

  /** The call whose {@code chat} method is running on this thread, until it returns. */
  private static final ThreadLocal<LangChain4jCall> RUNNING = new ThreadLocal<>();

  private LangChain4jChat() {}

  public static void start(
      ChatRequest request, ModelProvider provider, Map<Object, Object> attributes) {
    try {
      if (request == null || attributes == null || attributes.containsKey(CALL)) {
        return;
      }
      LlmCall call = new LlmCall("chat", providerName(provider));
      call.requestModel(request.modelName())
          .temperature(request.temperature())
          .topP(request.topP())
          .topK(request.topK() == null ? null : request.topK().doubleValue())
          .maxTokens(
              request.maxOutputTokens() == null ? null : request.maxOutputTokens().longValue());
      AiServiceCall service = AiServiceCall.current();
      if (service != null) {
        call.agentName(service.agentName).conversationId(service.conversationId);
      }
      LangChain4jCall started = new LangChain4jCall(call);
      attributes.put(CALL, started);
      RUNNING.set(started);
    } catch (Throwable e) {
      OnceLogger.failure("starting a LangChain4j span", e);
    }
  }

  public static void end(ChatResponse response, Map<Object, Object> attributes) {
    LangChain4jCall call = take(attributes);
    if (call == null) {
      return;
    }
    LlmResult result = new LlmResult();
    try {
      if (response != null) {
        LangChain4jUsage.read(response, result);
      }
    } catch (Throwable e) {
      OnceLogger.failure("reading a LangChain4j response", e);
    }
    call.record(INSTRUMENTER, result, null);
  }

  public static void fail(Throwable error, Map<Object, Object> attributes) {
    LangChain4jCall call = take(attributes);
    if (call != null) {
      call.record(INSTRUMENTER, new LlmResult().errorType(errorType(error)), error);
    }
  }

  /** Runs when a streaming model's {@code chat} returns to the caller (the stream may go on). */
  public static void chatReturned() {
    LangChain4jCall call = RUNNING.get();
    if (call != null) {
      RUNNING.remove();
      call.leftCallerThread();
    }
  }

  private static LangChain4jCall take(Map<Object, Object> attributes) {
    try {
      Object call = attributes == null ? null : attributes.remove(CALL);
      if (!(call instanceof LangChain4jCall)) {
        return null;
      }
      if (RUNNING.get() == call) {
        RUNNING.remove();
      }
      return (LangChain4jCall) call;
    } catch (Throwable e) {
      return null;
    }
  }

  /**
   * The HTTP status when the provider answered with an error (LangChain4j wraps it), else the
   * class.
   */
  static String errorType(Throwable error) {
    if (error == null) {
      return null;
    }
    Throwable t = error;
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
      if (t instanceof HttpException) {
        return Integer.toString(((HttpException) t).statusCode());
      }
    }
    return error.getClass().getName();
  }

  /**
   * Maps LangChain4j's provider enum to {@code gen_ai.provider.name}, by name (it grows per
   * version).
   */
  static String providerName(ModelProvider provider) {
    if (provider == null) {
      return "langchain4j";
    }
    String name = provider.name();
    switch (name) {
      case "OPEN_AI":
        return "openai";
      case "AZURE_OPEN_AI":
        return "azure.ai.openai";
      case "ANTHROPIC":
        return "anthropic";
      case "GOOGLE_AI_GEMINI":
      case "GOOGLE_GENAI":
        return "gcp.gemini";
      case "GOOGLE_VERTEX_AI_GEMINI":
      case "GOOGLE_VERTEX_AI_ANTHROPIC":
        return "gcp.vertex_ai";
      case "AMAZON_BEDROCK":
        return "aws.bedrock";
      case "MISTRAL_AI":
        return "mistral_ai";
      case "GITHUB_MODELS":
      case "MICROSOFT_FOUNDRY":
        return "azure.ai.inference";
      case "WATSONX":
        return "ibm.watsonx.ai";
      case "OTHER":
        return "langchain4j";
      default:
        return name.toLowerCase(java.util.Locale.ROOT);
    }
  }
}
