/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL lexing for lint: metric names, the windows of rate-like calls, and the
 * functions that enclose a series. Parsing proper is left to a real Prometheus (PromqlParsesTest).
 */
public final class Promql {
  private static final Pattern TOKEN =
      Pattern.compile("\\d+(\\.\\d+)?([eE][+-]?\\d+)?[smhdwy]*|[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(");
  private static final Pattern GROUPING = Pattern.compile("(by|without)\\s*\\(");
  private static final Pattern RATE_CALL = Pattern.compile("\\b(rate|irate|increase)\\s*\\(");
  private static final Pattern LABEL_VALUES =
      Pattern.compile(
          "^\\s*label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$", Pattern.DOTALL);
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "bool",
          "inf",
          "nan",
          "Inf",
          "NaN");

  private Promql() {}

  /** One series selector: its metric name and its position in the expression. */
  record Selector(String metric, int position) {}

  /** Grafana variables replaced by values a plain Prometheus accepts. */
  public static String substituteGrafana(String expr) {
    return expr.replace("$__rate_interval", "1m")
        .replace("$__range", "1h")
        .replace("$__interval", "1m")
        .replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*(:[a-z]+)?}?", ".*");
  }

  /** label_values(selector, label) as the query Grafana effectively runs; other text unchanged. */
  public static String variableQuery(String query) {
    Matcher m = LABEL_VALUES.matcher(query);
    return m.matches() ? "group by (" + m.group(2) + ") (" + m.group(1) + ")" : query;
  }

  static List<Selector> selectors(String expr) {
    String masked = mask(expr);
    List<Selector> selectors = new ArrayList<>();
    Matcher m = TOKEN.matcher(masked);
    while (m.find()) {
      String token = m.group();
      if (Character.isDigit(token.charAt(0)) || KEYWORDS.contains(token)) {
        continue;
      }
      int next = m.end();
      while (next < masked.length() && Character.isWhitespace(masked.charAt(next))) {
        next++;
      }
      boolean call = next < masked.length() && masked.charAt(next) == '(';
      if (call || GROUPING.matcher(masked).region(next, masked.length()).lookingAt()) {
        continue; // a function, or an aggregation followed by by/without
      }
      selectors.add(new Selector(token, m.start()));
    }
    return selectors;
  }

  static Set<String> metricNames(String expr) {
    Set<String> names = new LinkedHashSet<>();
    selectors(expr).forEach(s -> names.add(s.metric()));
    return names;
  }

  /** The functions and aggregations around a position, innermost first. */
  static List<String> enclosing(String expr, int position) {
    String masked = mask(expr);
    List<String> names = new ArrayList<>();
    int depth = 0;
    for (int i = position - 1; i >= 0; i--) {
      char c = masked.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(' && depth > 0) {
        depth--;
      } else if (c == '(') {
        int j = skipSpaceBack(masked, i - 1);
        if (j >= 0 && masked.charAt(j) == ')') { // sum by (labels) (
          j = skipSpaceBack(masked, matchingOpen(masked, j) - 1);
          j = skipSpaceBack(masked, identifierStart(masked, j) - 1);
        }
        int start = identifierStart(masked, j);
        names.add(masked.substring(start, j + 1));
        i = start;
      }
    }
    return names;
  }

  /** The range windows of every rate, irate and increase call, e.g. "5m" or "$__rate_interval". */
  static List<String> rateWindows(String expr) {
    String masked = maskStrings(expr);
    List<String> windows = new ArrayList<>();
    Matcher m = RATE_CALL.matcher(masked);
    while (m.find()) {
      int close = matchingClose(masked, m.end() - 1);
      String body = masked.substring(m.end(), close);
      int open = body.lastIndexOf('[');
      windows.add(open < 0 ? "<none>" : body.substring(open + 1, body.indexOf(']', open)).trim());
    }
    return windows;
  }

  /** Strings, label matchers, ranges and label lists blanked out, positions kept. */
  private static String mask(String expr) {
    // Grafana variables (offset $__range) are durations, not series.
    StringBuilder s =
        new StringBuilder(maskStrings(expr).replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?", " "));
    blankBetween(s, '{', '}');
    blankBetween(s, '[', ']');
    Matcher m = LABEL_LIST.matcher(s.toString());
    while (m.find()) {
      int close = matchingClose(s.toString(), m.end() - 1);
      for (int i = m.end(); i < close; i++) {
        s.setCharAt(i, ' ');
      }
    }
    return s.toString();
  }

  private static String maskStrings(String expr) {
    StringBuilder s = new StringBuilder(expr);
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == 0 && (c == '"' || c == '\'' || c == '`')) {
        quote = c;
      } else if (quote != 0) {
        if (c == '\\' && quote != '`' && i + 1 < s.length()) {
          s.setCharAt(i, ' ');
          s.setCharAt(++i, ' ');
        } else if (c == quote) {
          quote = 0;
        } else {
          s.setCharAt(i, ' ');
        }
      }
    }
    return s.toString();
  }

  private static void blankBetween(StringBuilder s, char open, char close) {
    boolean inside = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == open) {
        inside = true;
      } else if (c == close) {
        inside = false;
      } else if (inside) {
        s.setCharAt(i, ' ');
      }
    }
  }

  private static int matchingClose(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      if (s.charAt(i) == '(') {
        depth++;
      } else if (s.charAt(i) == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses: " + s);
  }

  private static int matchingOpen(String s, int close) {
    int depth = 0;
    for (int i = close; i >= 0; i--) {
      if (s.charAt(i) == ')') {
        depth++;
      } else if (s.charAt(i) == '(' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses: " + s);
  }

  private static int skipSpaceBack(String s, int i) {
    while (i >= 0 && Character.isWhitespace(s.charAt(i))) {
      i--;
    }
    return i;
  }

  private static int identifierStart(String s, int end) {
    int i = end;
    while (i >= 0
        && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) {
      i--;
    }
    return i + 1;
  }
}
