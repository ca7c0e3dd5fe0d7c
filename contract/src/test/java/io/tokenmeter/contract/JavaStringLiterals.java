/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of a Java source file with the lines they start on; comments and character
 * literals are skipped, text blocks read as one literal.
 */
final class JavaStringLiterals {
  /** A string literal's decoded value and the line it starts on. */
  static final class Literal {
    final int line;
    final String value;

    Literal(int line, String value) {
      this.line = line;
      this.value = value;
    }
  }

  private final String source;
  private final List<Literal> literals = new ArrayList<>();
  private int pos;
  private int line = 1;

  private JavaStringLiterals(String source) {
    this.source = source;
  }

  static List<Literal> of(String source) {
    JavaStringLiterals reader = new JavaStringLiterals(source);
    reader.read();
    return reader.literals;
  }

  private void read() {
    while (pos < source.length()) {
      char c = source.charAt(pos);
      if (source.startsWith("//", pos)) {
        skipPast("\n");
      } else if (source.startsWith("/*", pos)) {
        skipPast("*/");
      } else if (source.startsWith("\"\"\"", pos)) {
        int start = line;
        pos += 3;
        literals.add(new Literal(start, quoted("\"\"\"")));
      } else if (c == '"') {
        int start = line;
        pos++;
        literals.add(new Literal(start, quoted("\"")));
      } else if (c == '\'') {
        pos++;
        quoted("'");
      } else {
        advance();
      }
    }
  }

  private void skipPast(String end) {
    while (pos < source.length() && !source.startsWith(end, pos)) {
      advance();
    }
    // Over the end marker too, so a line comment's newline is counted.
    for (int i = 0; i < end.length() && pos < source.length(); i++) {
      advance();
    }
  }

  /** Reads up to the closing {@code quote}, decoding escapes, and returns the value. */
  private String quoted(String quote) {
    StringBuilder value = new StringBuilder();
    while (pos < source.length() && !source.startsWith(quote, pos)) {
      char c = source.charAt(pos);
      if (c == '\\' && pos + 1 < source.length()) {
        char escaped = source.charAt(pos + 1);
        value.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
        pos += 2;
      } else {
        value.append(c);
        advance();
      }
    }
    pos += quote.length();
    return value.toString();
  }

  private void advance() {
    if (source.charAt(pos) == '\n') {
      line++;
    }
    pos++;
  }
}
