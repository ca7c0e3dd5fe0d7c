/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.openai;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.openai.core.ClientOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import io.tokenmeter.agent.genai.LlmSpan;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Embeddings on the blocking and async service implementations. */
final class EmbeddingInstrumentation implements TypeInstrumentation {
  private static final String PARAMS = "com.openai.models.embeddings.EmbeddingCreateParams";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "com.openai.services.blocking.EmbeddingServiceImpl",
        "com.openai.services.async.EmbeddingServiceAsyncImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        create().and(returns(named("com.openai.models.embeddings.CreateEmbeddingResponse"))),
        EmbeddingInstrumentation.class.getName() + "$SyncAdvice");
    transformer.applyAdviceToMethod(
        create().and(returns(named("java.util.concurrent.CompletableFuture"))),
        EmbeddingInstrumentation.class.getName() + "$AsyncAdvice");
  }

  private static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription>
      create() {
    return named("create")
        .and(isPublic())
        .and(takesArguments(2))
        .and(takesArgument(0, named(PARAMS)));
  }

  @SuppressWarnings("unused")
  public static class SyncAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LlmSpan onEnter(
        @Advice.Argument(0) EmbeddingCreateParams params,
        @Advice.FieldValue("clientOptions") ClientOptions options) {
      return OpenAiEmbeddings.start(params, options);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter LlmSpan span,
        @Advice.Return CreateEmbeddingResponse response,
        @Advice.Thrown Throwable error) {
      OpenAiEmbeddings.end(span, response, error);
    }
  }

  @SuppressWarnings("unused")
  public static class AsyncAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LlmSpan onEnter(
        @Advice.Argument(0) EmbeddingCreateParams params,
        @Advice.FieldValue("clientOptions") ClientOptions options) {
      return OpenAiEmbeddings.start(params, options);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter LlmSpan span,
        @Advice.Return CompletableFuture<CreateEmbeddingResponse> future,
        @Advice.Thrown Throwable error) {
      OpenAiEmbeddings.endAsync(span, future, error);
    }
  }
}
