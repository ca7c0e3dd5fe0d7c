/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.langchain4j;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ChatModelListenerUtils}: the default {@code ChatModel.chat} and {@code
 * StreamingChatModel.chat} of every provider call its static {@code onRequest}, then {@code
 * onResponse} or {@code onError}, with one attributes map per call, whether or not the app
 * registered listeners.
 */
final class ChatModelListenerInstrumentation implements TypeInstrumentation {
  private static final String REQUEST = "dev.langchain4j.model.chat.request.ChatRequest";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("dev.langchain4j.model.chat.ChatModelListenerUtils");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isStatic()
            .and(named("onRequest"))
            .and(takesArguments(4))
            .and(takesArgument(0, named(REQUEST))),
        ChatModelListenerInstrumentation.class.getName() + "$RequestAdvice");
    transformer.applyAdviceToMethod(
        isStatic()
            .and(named("onResponse"))
            .and(takesArguments(5))
            .and(takesArgument(0, named("dev.langchain4j.model.chat.response.ChatResponse"))),
        ChatModelListenerInstrumentation.class.getName() + "$ResponseAdvice");
    transformer.applyAdviceToMethod(
        isStatic()
            .and(named("onError"))
            .and(takesArguments(5))
            .and(takesArgument(0, Throwable.class)),
        ChatModelListenerInstrumentation.class.getName() + "$ErrorAdvice");
  }

  @SuppressWarnings("unused")
  public static class RequestAdvice {
    // On exit: the app's own listeners have seen the request before our span joins its attributes.
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.Argument(0) ChatRequest request,
        @Advice.Argument(1) ModelProvider provider,
        @Advice.Argument(2) Map<Object, Object> attributes) {
      LangChain4jChat.start(request, provider, attributes);
    }
  }

  @SuppressWarnings("unused")
  public static class ResponseAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(
        @Advice.Argument(0) ChatResponse response,
        @Advice.Argument(3) Map<Object, Object> attributes) {
      LangChain4jChat.end(response, attributes);
    }
  }

  @SuppressWarnings("unused")
  public static class ErrorAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(
        @Advice.Argument(0) Throwable error, @Advice.Argument(3) Map<Object, Object> attributes) {
      LangChain4jChat.fail(error, attributes);
    }
  }
}
