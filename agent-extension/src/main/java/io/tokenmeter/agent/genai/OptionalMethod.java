/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Calls a no-argument accessor that only newer SDK versions have (we compile against the oldest),
 * such as openai-java's {@code safetyIdentifier()}, unwrapping an {@code Optional} result.
 */
public final class OptionalMethod {
  private final String name;
  private final ClassValue<Method> methods =
      new ClassValue<Method>() {
        @Override
        protected Method computeValue(Class<?> type) {
          try {
            return type.getMethod(name);
          } catch (NoSuchMethodException e) {
            return null;
          }
        }
      };

  public OptionalMethod(String name) {
    this.name = name;
  }

  /** Returns the accessor's value as a string, or null when absent, empty or failing. */
  public String stringValue(Object target) {
    Object value = value(target);
    return value == null ? null : value.toString();
  }

  /** Returns the accessor's value if it is a number, as a double, else null. */
  public Double doubleValue(Object target) {
    Object value = value(target);
    return value instanceof Number ? ((Number) value).doubleValue() : null;
  }

  /** Returns the accessor's value if it is a number, as a long, else null. */
  public Long longValue(Object target) {
    Object value = value(target);
    return value instanceof Number ? ((Number) value).longValue() : null;
  }

  /**
   * Returns the accessor's value (an {@code Optional} unwrapped), or null when absent or failing.
   */
  public Object value(Object target) {
    if (target == null) {
      return null;
    }
    Method method = methods.get(target.getClass());
    if (method == null) {
      return null;
    }
    try {
      Object value = method.invoke(target);
      if (value instanceof Optional) {
        value = ((Optional<?>) value).orElse(null);
      }
      return value;
    } catch (Exception e) {
      return null;
    }
  }
}
