/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.google;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import com.google.genai.ResponseStream;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import io.tokenmeter.agent.genai.LlmSpan;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@code AsyncModels}' own round trips (newer SDKs; older ones delegate to {@code Models}). */
final class AsyncModelsInstrumentation implements TypeInstrumentation {
  private static final String FUTURE = "java.util.concurrent.CompletableFuture";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.google.genai.AsyncModels");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("privateGenerateContent")
            .and(takesArgument(0, String.class))
            .and(returns(named(FUTURE))),
        AsyncModelsInstrumentation.class.getName() + "$GenerateAdvice");
    transformer.applyAdviceToMethod(
        named("privateGenerateContentStream")
            .and(takesArgument(0, String.class))
            .and(returns(named(FUTURE))),
        AsyncModelsInstrumentation.class.getName() + "$StreamAdvice");
    transformer.applyAdviceToMethod(
        named("privateEmbedContent")
            .and(takesArgument(0, String.class))
            .and(returns(named(FUTURE))),
        AsyncModelsInstrumentation.class.getName() + "$EmbedAdvice");
  }

  @SuppressWarnings("unused")
  public static class GenerateAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LlmSpan onEnter(
        @Advice.Argument(0) String model,
        @Advice.Argument(2) GenerateContentConfig config,
        @Advice.FieldValue("apiClient") Object client) {
      return GoogleGenAiCalls.startGenerate(model, config, client, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter LlmSpan span,
        @Advice.Return CompletableFuture<GenerateContentResponse> future,
        @Advice.Thrown Throwable error) {
      GoogleGenAiCalls.endGenerateAsync(span, future, error);
    }
  }

  @SuppressWarnings("unused")
  public static class StreamAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LlmSpan onEnter(
        @Advice.Argument(0) String model,
        @Advice.Argument(2) GenerateContentConfig config,
        @Advice.FieldValue("apiClient") Object client) {
      return GoogleGenAiCalls.startGenerate(model, config, client, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter LlmSpan span,
        @Advice.Return CompletableFuture<ResponseStream<GenerateContentResponse>> future,
        @Advice.Thrown Throwable error) {
      GoogleGenAiCalls.observeStreamAsync(span, future, error);
    }
  }

  @SuppressWarnings("unused")
  public static class EmbedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LlmSpan onEnter(
        @Advice.Argument(0) String model, @Advice.FieldValue("apiClient") Object client) {
      return GoogleGenAiCalls.startEmbed(model, client);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter LlmSpan span,
        @Advice.Return CompletableFuture<EmbedContentResponse> future,
        @Advice.Thrown Throwable error) {
      GoogleGenAiCalls.endEmbedAsync(span, future, error);
    }
  }
}
