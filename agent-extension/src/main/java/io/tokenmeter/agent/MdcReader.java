/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reads the SLF4J (Logback) or Log4j2 MDC of the current thread through the application's class
 * loader, which the agent cannot link against directly.
 */
final class MdcReader {
  private static final Method[] NONE = new Method[0];
  private final Map<ClassLoader, Method[]> getters = new WeakHashMap<>();

  /** Returns the first non-empty value of the keys, or null. */
  String firstValue(List<String> keys) {
    if (keys.isEmpty()) {
      return null;
    }
    Method[] methods = gettersFor(Thread.currentThread().getContextClassLoader());
    for (String key : keys) {
      for (Method method : methods) {
        try {
          Object value = method.invoke(null, key);
          if (value instanceof String && !((String) value).isEmpty()) {
            return (String) value;
          }
        } catch (Throwable e) {
          OnceLogger.failure("reading the MDC", e);
        }
      }
    }
    return null;
  }

  private Method[] gettersFor(ClassLoader loader) {
    if (loader == null) {
      return NONE;
    }
    synchronized (getters) {
      Method[] methods = getters.get(loader);
      if (methods == null) {
        methods = lookUp(loader);
        getters.put(loader, methods);
      }
      return methods;
    }
  }

  private static Method[] lookUp(ClassLoader loader) {
    Method slf4j = staticGetter(loader, "org.slf4j.MDC");
    Method log4j = staticGetter(loader, "org.apache.logging.log4j.ThreadContext");
    if (slf4j != null && log4j != null) {
      return new Method[] {slf4j, log4j};
    }
    if (slf4j != null) {
      return new Method[] {slf4j};
    }
    return log4j != null ? new Method[] {log4j} : NONE;
  }

  private static Method staticGetter(ClassLoader loader, String className) {
    try {
      return Class.forName(className, false, loader).getMethod("get", String.class);
    } catch (Throwable e) {
      return null;
    }
  }
}
