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
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import io.tokenmeter.agent.genai.LlmSpan;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Chat completions on the blocking and async service implementations. */
final class ChatCompletionInstrumentation implements TypeInstrumentation {
  private static final String PARAMS =
      "com.openai.models.chat.completions.ChatCompletionCreateParams";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "com.openai.services.blocking.chat.ChatCompletionServiceImpl",
        "com.openai.services.async.chat.ChatCompletionServiceAsyncImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        call("create").and(returns(named("com.openai.models.chat.completions.ChatCompletion"))),
        ChatCompletionInstrumentation.class.getName() + "$SyncAdvice");
    transformer.applyAdviceToMethod(
        call("create").and(returns(named("java.util.concurrent.CompletableFuture"))),
        ChatCompletionInstrumentation.class.getName() + "$AsyncAdvice");
    transformer.applyAdviceToMethod(
        call("createStreaming").and(returns(named("com.openai.core.http.StreamResponse"))),
        ChatCompletionInstrumentation.class.getName() + "$StreamAdvice");
    transformer.applyAdviceToMethod(
        call("createStreaming").and(returns(named("com.openai.core.http.AsyncStreamResponse"))),
        ChatCompletionInstrumentation.class.getName() + "$AsyncStreamAdvice");
  }

  private static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> call(
      String name) {
    return named(name).and(isPublic()).and(takesArguments(2)).and(takesArgument(0, named(PARAMS)));
  }

  @SuppressWarnings("unused")
  public static class SyncAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LlmSpan onEnter(
        @Advice.Argument(0) ChatCompletionCreateParams params,
        @Advice.FieldValue("clientOptions") ClientOptions options) {
      return OpenAiChat.start(params, options, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter LlmSpan span,
        @Advice.Return ChatCompletion completion,
        @Advice.Thrown Throwable error) {
      OpenAiChat.end(span, completion, error);
    }
  }

  @SuppressWarnings("unused")
  public static class AsyncAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LlmSpan onEnter(
        @Advice.Argument(0) ChatCompletionCreateParams params,
        @Advice.FieldValue("clientOptions") ClientOptions options) {
      return OpenAiChat.start(params, options, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter LlmSpan span,
        @Advice.Return CompletableFuture<ChatCompletion> future,
        @Advice.Thrown Throwable error) {
      OpenAiChat.endAsync(span, future, error);
    }
  }

  @SuppressWarnings("unused")
  public static class StreamAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LlmSpan onEnter(
        @Advice.Argument(0) ChatCompletionCreateParams params,
        @Advice.FieldValue("clientOptions") ClientOptions options) {
      return OpenAiChat.start(params, options, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter LlmSpan span,
        @Advice.Return(readOnly = false) StreamResponse<ChatCompletionChunk> response,
        @Advice.Thrown Throwable error) {
      response = OpenAiChat.wrapStream(span, response, error);
    }
  }

  @SuppressWarnings("unused")
  public static class AsyncStreamAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LlmSpan onEnter(
        @Advice.Argument(0) ChatCompletionCreateParams params,
        @Advice.FieldValue("clientOptions") ClientOptions options) {
      return OpenAiChat.start(params, options, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter LlmSpan span,
        @Advice.Return(readOnly = false) AsyncStreamResponse<ChatCompletionChunk> response,
        @Advice.Thrown Throwable error) {
      response = OpenAiChat.wrapAsyncStream(span, response, error);
    }
  }
}
