/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table (Markdown pipe syntax, so it pastes into BENCHMARKS.md as it is). */
final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = List.of(header);
  }

  Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(String.valueOf(c));
    }
    rows.add(row);
    return this;
  }

  void print(PrintStream out) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> row : rows) {
        width[i] = Math.max(width[i], i < row.size() ? row.get(i).length() : 0);
      }
    }
    out.println(line(header, width));
    StringBuilder rule = new StringBuilder("|");
    for (int w : width) {
      rule.append(' ').append("-".repeat(Math.max(3, w))).append(" |");
    }
    out.println(rule);
    for (List<String> row : rows) {
      out.println(line(row, width));
    }
    out.flush();
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < width.length; i++) {
      String c = i < cells.size() ? cells.get(i) : "";
      sb.append(' ').append(c).append(" ".repeat(Math.max(0, Math.max(3, width[i]) - c.length())));
      sb.append(" |");
    }
    return sb.toString();
  }

  static String fixed(double value, int decimals) {
    return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
  }

  static String thousands(double value) {
    return String.format(java.util.Locale.ROOT, "%,.0f", value);
  }
}
