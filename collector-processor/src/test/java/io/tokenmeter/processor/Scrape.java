/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Prometheus text exposition, for asserting on series values. */
final class Scrape {
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Sample(String name, Map<String, String> labels, String value) {
    BigDecimal decimal() {
      return new BigDecimal(value);
    }
  }

  private final String body;
  private final List<Sample> samples = new ArrayList<>();

  Scrape(String body) {
    this.body = body;
    for (String line : body.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String series = line;
      int brace = line.indexOf('{');
      int close = line.lastIndexOf('}');
      Map<String, String> labels = new TreeMap<>();
      String name;
      String rest;
      if (brace >= 0 && close > brace) {
        name = line.substring(0, brace);
        Matcher m = LABEL.matcher(line.substring(brace + 1, close));
        while (m.find()) {
          labels.put(m.group(1), m.group(2));
        }
        rest = line.substring(close + 1).trim();
      } else {
        int sp = series.indexOf(' ');
        name = series.substring(0, sp);
        rest = series.substring(sp + 1).trim();
      }
      String value = rest.split("\\s+")[0];
      samples.add(new Sample(name, labels, value));
    }
  }

  String body() {
    return body;
  }

  List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** Returns the value of the one series with exactly these labels, or null. */
  BigDecimal value(String name, String... labelPairs) {
    Map<String, String> want = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      want.put(labelPairs[i], labelPairs[i + 1]);
    }
    return samples(name).stream()
        .filter(s -> s.labels().equals(want))
        .findFirst()
        .map(Sample::decimal)
        .orElse(null);
  }

  BigDecimal sum(String name, Predicate<Map<String, String>> filter) {
    return samples(name).stream()
        .filter(s -> filter.test(s.labels()))
        .map(Sample::decimal)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  BigDecimal sum(String name) {
    return sum(name, l -> true);
  }

  /**
   * All samples of the processor's own families except transport-specific ones, for comparisons.
   */
  Map<String, String> comparable() {
    Map<String, String> m = new TreeMap<>();
    for (Sample s : samples) {
      if (s.name().startsWith("tokenmeter_")
          && !s.name().startsWith("tokenmeter_spans_received")
          && !s.name().startsWith("tokenmeter_rejected")) {
        m.put(s.name() + s.labels(), s.value());
      }
    }
    return m;
  }
}
