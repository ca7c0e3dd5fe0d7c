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
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Models.privateGenerateContent}, {@code privateGenerateContentStream} and {@code
 * privateEmbedContent}: package-private, one call per HTTP round trip, whatever public overload or
 * chat session the app used. (Before ~1.16 {@code AsyncModels} runs these on an executor.)
 */
final class ModelsInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.google.genai.Models");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("privateGenerateContent")
            .and(takesArgument(0, String.class))
            .and(returns(named("com.google.genai.types.GenerateContentResponse"))),
        ModelsInstrumentation.class.getName() + "$GenerateAdvice");
    transformer.applyAdviceToMethod(
        named("privateGenerateContentStream")
            .and(takesArgument(0, String.class))
            .and(returns(named("com.google.genai.ResponseStream"))),
        ModelsInstrumentation.class.getName() + "$StreamAdvice");
    transformer.applyAdviceToMethod(
        named("privateEmbedContent")
            .and(takesArgument(0, String.class))
            .and(returns(named("com.google.genai.types.EmbedContentResponse"))),
        ModelsInstrumentation.class.getName() + "$EmbedAdvice");
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
        @Advice.Return GenerateContentResponse response,
        @Advice.Thrown Throwable error) {
      GoogleGenAiCalls.endGenerate(span, response, error);
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
        @Advice.Return ResponseStream<GenerateContentResponse> stream,
        @Advice.Thrown Throwable error) {
      GoogleGenAiCalls.observeStream(span, stream, error);
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
        @Advice.Return EmbedContentResponse response,
        @Advice.Thrown Throwable error) {
      GoogleGenAiCalls.endEmbed(span, response, error);
    }
  }
}
