/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.langchain4j;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.tokenmeter.agent.OnceLogger;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * One AI Service method call, kept in the Context while it runs: the service interface names the
 * agent, its {@code @MemoryId} argument the conversation.
 */
public final class AiServiceCall {
  private static final ContextKey<AiServiceCall> KEY =
      ContextKey.named("tokenmeter-langchain4j-ai-service");
  private static final String MEMORY_ID = "dev.langchain4j.service.MemoryId";
  private static final String CHAT_MEMORY_ACCESS =
      "dev.langchain4j.service.memory.ChatMemoryAccess";

  final String agentName;
  final String conversationId;

  private AiServiceCall(String agentName, String conversationId) {
    this.agentName = agentName;
    this.conversationId = conversationId;
  }

  /** Returns the AI Service call the current thread is inside, or null. */
  static AiServiceCall current() {
    return Context.current().get(KEY);
  }

  public static Scope enter(Object proxy, Method method, Object[] args) {
    try {
      if (proxy == null || method == null || !isServiceMethod(method)) {
        return null;
      }
      Class<?>[] interfaces = proxy.getClass().getInterfaces();
      Class<?> service = interfaces.length > 0 ? interfaces[0] : method.getDeclaringClass();
      return Context.current()
          .with(KEY, new AiServiceCall(service.getSimpleName(), memoryId(method, args)))
          .makeCurrent();
    } catch (Throwable e) {
      OnceLogger.failure("naming a LangChain4j AI Service call", e);
      return null;
    }
  }

  public static void exit(Scope scope) {
    if (scope != null) {
      scope.close();
    }
  }

  private static boolean isServiceMethod(Method method) {
    Class<?> declaring = method.getDeclaringClass();
    return declaring != Object.class
        && !method.isDefault()
        && !CHAT_MEMORY_ACCESS.equals(declaring.getName());
  }

  private static String memoryId(Method method, Object[] args) {
    if (args == null) {
      return null;
    }
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < annotations.length && i < args.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (MEMORY_ID.equals(annotation.annotationType().getName()) && args[i] != null) {
          return args[i].toString();
        }
      }
    }
    return null;
  }
}
