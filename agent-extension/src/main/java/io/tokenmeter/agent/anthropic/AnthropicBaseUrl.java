/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.anthropic;

import com.anthropic.backends.Backend;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.http.HttpClient;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the base URL of an anthropic-java 2.x client, which keeps it in the backend of the
 * innermost of its wrapped HTTP clients rather than in its options.
 */
final class AnthropicBaseUrl {
  private static final int MAX_DEPTH = 5;
  private static final ClassValue<List<Field>> FIELDS =
      new ClassValue<List<Field>>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
          List<Field> fields = new ArrayList<>();
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
              if (HttpClient.class.isAssignableFrom(field.getType())
                  || Backend.class.isAssignableFrom(field.getType())) {
                try {
                  field.setAccessible(true);
                  fields.add(field);
                } catch (RuntimeException e) {
                  // A field we may not read only costs us the server attributes.
                }
              }
            }
          }
          return fields;
        }
      };

  private AnthropicBaseUrl() {}

  static String of(ClientOptions options) {
    try {
      return options == null ? null : find(options.httpClient(), 0);
    } catch (Throwable e) {
      return null;
    }
  }

  private static String find(Object node, int depth) throws IllegalAccessException {
    if (node == null || depth > MAX_DEPTH) {
      return null;
    }
    for (Field field : FIELDS.get(node.getClass())) {
      Object value = field.get(node);
      if (value instanceof Backend) {
        return ((Backend) value).baseUrl();
      }
      String found = find(value, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
