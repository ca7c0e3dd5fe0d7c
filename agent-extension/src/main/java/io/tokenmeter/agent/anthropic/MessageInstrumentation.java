/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.anthropic;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.anthropic.core.ClientOptions;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Messages on the blocking and async service implementations. */
final class MessageInstrumentation implements TypeInstrumentation {
  private static final String PARAMS = "com.anthropic.models.messages.MessageCreateParams";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "com.anthropic.services.blocking.MessageServiceImpl",
        "com.anthropic.services.async.MessageServiceAsyncImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        call("create").and(returns(named("com.anthropic.models.messages.Message"))),
        MessageInstrumentation.class.getName() + "$SyncAdvice");
    transformer.applyAdviceToMethod(
        call("create").and(returns(named("java.util.concurrent.CompletableFuture"))),
        MessageInstrumentation.class.getName() + "$AsyncAdvice");
    transformer.applyAdviceToMethod(
        call("createStreaming").and(returns(named("com.anthropic.core.http.StreamResponse"))),
        MessageInstrumentation.class.getName() + "$StreamAdvice");
    transformer.applyAdviceToMethod(
        call("createStreaming").and(returns(named("com.anthropic.core.http.AsyncStreamResponse"))),
        MessageInstrumentation.class.getName() + "$AsyncStreamAdvice");
  }

  private static ElementMatcher.Junction<MethodDescription> call(String name) {
    return named(name).and(isPublic()).and(takesArguments(2)).and(takesArgument(0, named(PARAMS)));
  }

  @SuppressWarnings("unused")
  public static class SyncAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AnthropicCall onEnter(
        @Advice.Argument(0) MessageCreateParams params,
        @Advice.FieldValue("clientOptions") ClientOptions options) {
      return AnthropicMessages.start(params, options, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter AnthropicCall call,
        @Advice.Return Message message,
        @Advice.Thrown Throwable error) {
      AnthropicMessages.end(call, message, error);
    }
  }

  @SuppressWarnings("unused")
  public static class AsyncAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AnthropicCall onEnter(
        @Advice.Argument(0) MessageCreateParams params,
        @Advice.FieldValue("clientOptions") ClientOptions options) {
      return AnthropicMessages.start(params, options, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter AnthropicCall call,
        @Advice.Return CompletableFuture<Message> future,
        @Advice.Thrown Throwable error) {
      AnthropicMessages.endAsync(call, future, error);
    }
  }

  @SuppressWarnings("unused")
  public static class StreamAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AnthropicCall onEnter(
        @Advice.Argument(0) MessageCreateParams params,
        @Advice.FieldValue("clientOptions") ClientOptions options) {
      return AnthropicMessages.start(params, options, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter AnthropicCall call,
        @Advice.Return(readOnly = false) StreamResponse<RawMessageStreamEvent> response,
        @Advice.Thrown Throwable error) {
      response = AnthropicMessages.wrapStream(call, response, error);
    }
  }

  @SuppressWarnings("unused")
  public static class AsyncStreamAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AnthropicCall onEnter(
        @Advice.Argument(0) MessageCreateParams params,
        @Advice.FieldValue("clientOptions") ClientOptions options) {
      return AnthropicMessages.start(params, options, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter AnthropicCall call,
        @Advice.Return(readOnly = false) AsyncStreamResponse<RawMessageStreamEvent> response,
        @Advice.Thrown Throwable error) {
      response = AnthropicMessages.wrapAsyncStream(call, response, error);
    }
  }
}
