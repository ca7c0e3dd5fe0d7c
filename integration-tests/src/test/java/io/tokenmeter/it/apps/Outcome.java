/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.apps;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Formats what an app saw as {@code key=value} pairs on one line. Ids come from the provider and
 * differ between runs, so they are always printed as {@code id=...} and {@link #maskIds} can blank
 * them for comparisons.
 */
public final class Outcome {
  private final StringBuilder text = new StringBuilder();

  /** Starts an empty outcome. */
  public static Outcome of() {
    return new Outcome();
  }

  /** Appends {@code key=value}; text values with spaces or quotes are quoted and escaped. */
  public Outcome put(String key, Object value) {
    if (text.length() > 0) {
      text.append(' ');
    }
    text.append(key).append('=').append(format(value));
    return this;
  }

  private static String format(Object value) {
    if (value instanceof Optional<?> optional) {
      return optional.map(Outcome::format).orElse("none");
    }
    if (value == null) {
      return "null";
    }
    String s = value.toString();
    if (s.isEmpty() || s.chars().anyMatch(c -> c == ' ' || c == '"' || c == '\n' || c == '\r')) {
      return '"'
          + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
          + '"';
    }
    return s;
  }

  /** Appends {@code EXCEPTION <class> <status or ->} for a failure (unwrapping async wrappers). */
  public Outcome exception(Throwable failure, Scenarios scenarios) {
    Throwable t = unwrap(failure);
    Integer status = scenarios.statusOf(t);
    if (text.length() > 0) {
      text.append(' ');
    }
    text.append("EXCEPTION ")
        .append(t.getClass().getName())
        .append(' ')
        .append(status == null ? "-" : status);
    return this;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Replaces every {@code id=<value>} with {@code id=<id>}. */
  /** Masks the ids of every scenario's outcome, so runs can be compared. */
  public static java.util.Map<String, String> maskIds(java.util.Map<String, String> results) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    results.forEach((k, v) -> out.put(k, maskIds(v)));
    return out;
  }

  public static String maskIds(String outcome) {
    return outcome.replaceAll("\\bid=\\S+", "id=<id>");
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
