/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.google;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The SDK's {@code ResponseStream} (a class the app iterates, which we cannot wrap): its iterator
 * feeds each chunk to the stream's span, which ends when the iterator runs out, fails or the stream
 * is closed.
 */
final class ResponseStreamInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "com.google.genai.ResponseStream",
        "com.google.genai.ResponseStream$ResponseStreamIterator");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    String iterator = "com.google.genai.ResponseStream$ResponseStreamIterator";
    transformer.applyAdviceToMethod(
        named("next").and(takesArguments(0)).and(isDeclaredBy(named(iterator))),
        ResponseStreamInstrumentation.class.getName() + "$NextAdvice");
    transformer.applyAdviceToMethod(
        named("hasNext").and(takesArguments(0)).and(isDeclaredBy(named(iterator))),
        ResponseStreamInstrumentation.class.getName() + "$HasNextAdvice");
    transformer.applyAdviceToMethod(
        named("close")
            .and(takesArguments(0))
            .and(isDeclaredBy(named("com.google.genai.ResponseStream"))),
        ResponseStreamInstrumentation.class.getName() + "$CloseAdvice");
  }

  @SuppressWarnings("unused")
  public static class NextAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.FieldValue("this$0") Object stream,
        @Advice.Return Object chunk,
        @Advice.Thrown Throwable error) {
      GoogleGenAiStreams.onNext(stream, chunk, error);
    }
  }

  @SuppressWarnings("unused")
  public static class HasNextAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.FieldValue("this$0") Object stream, @Advice.Return boolean hasNext) {
      GoogleGenAiStreams.onHasNext(stream, hasNext);
    }
  }

  @SuppressWarnings("unused")
  public static class CloseAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Object stream) {
      GoogleGenAiStreams.onClose(stream);
    }
  }
}
