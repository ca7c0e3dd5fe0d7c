/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.google;

import com.google.genai.types.HttpOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Reads the SDK's {@code ApiClient} (package-private before 2.0, so only reflectively reachable
 * from here): whether it talks to Vertex AI, and its base URL.
 */
final class GoogleGenAiClient {
  private static final ClassValue<Method> VERTEX_AI = accessor("vertexAI");
  private static final ClassValue<Method> HTTP_OPTIONS_METHOD = accessor("httpOptions");
  private static final ClassValue<Field> HTTP_OPTIONS_FIELD =
      new ClassValue<Field>() {
        @Override
        protected Field computeValue(Class<?> type) {
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
              Field field = c.getDeclaredField("httpOptions");
              field.setAccessible(true);
              return field;
            } catch (NoSuchFieldException | RuntimeException e) {
              // look further up
            }
          }
          return null;
        }
      };

  private GoogleGenAiClient() {}

  static String provider(Object client) {
    Object vertex = invoke(VERTEX_AI, client);
    return Boolean.TRUE.equals(vertex) ? "gcp.vertex_ai" : "gcp.gemini";
  }

  static String baseUrl(Object client) {
    Object options = invoke(HTTP_OPTIONS_METHOD, client);
    if (options == null && client != null) {
      Field field = HTTP_OPTIONS_FIELD.get(client.getClass());
      try {
        options = field == null ? null : field.get(client);
      } catch (IllegalAccessException e) {
        options = null;
      }
    }
    if (!(options instanceof HttpOptions)) {
      return null;
    }
    Optional<String> url = ((HttpOptions) options).baseUrl();
    return url.isPresent() ? url.get() : null;
  }

  private static Object invoke(ClassValue<Method> accessor, Object target) {
    if (target == null) {
      return null;
    }
    Method method = accessor.get(target.getClass());
    try {
      return method == null ? null : method.invoke(target);
    } catch (Exception e) {
      return null;
    }
  }

  private static ClassValue<Method> accessor(String name) {
    return new ClassValue<Method>() {
      @Override
      protected Method computeValue(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
          try {
            Method method = c.getDeclaredMethod(name);
            method.setAccessible(true);
            return method;
          } catch (NoSuchMethodException | RuntimeException e) {
            // look further up
          }
        }
        return null;
      }
    };
  }
}
