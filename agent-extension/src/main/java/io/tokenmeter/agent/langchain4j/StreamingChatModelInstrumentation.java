/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.langchain4j;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The default {@code StreamingChatModel.chat} that calls {@code onRequest} and starts the stream:
 * when it returns, SDK spans later started on the caller's thread no longer belong to that call.
 */
final class StreamingChatModelInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("dev.langchain4j.model.chat.StreamingChatModel");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("chat")
            .and(takesArgument(0, named("dev.langchain4j.model.chat.request.ChatRequest"))),
        StreamingChatModelInstrumentation.class.getName() + "$ChatAdvice");
  }

  @SuppressWarnings("unused")
  public static class ChatAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit() {
      LangChain4jChat.chatReturned();
    }
  }
}
