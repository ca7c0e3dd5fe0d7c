/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options of the form {@code --name=value} (or {@code --name value}), with defaults.
 */
final class BenchArgs {
  private final Map<String, String> values = new HashMap<>();

  private BenchArgs() {}

  static BenchArgs parse(String[] args) {
    BenchArgs parsed = new BenchArgs();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
      }
      int eq = arg.indexOf('=');
      if (eq > 0) {
        parsed.values.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        parsed.values.put(arg.substring(2), args[++i]);
      } else {
        parsed.values.put(arg.substring(2), "true");
      }
    }
    return parsed;
  }

  int integer(String name, int defaultValue) {
    String v = values.get(name);
    return v == null ? defaultValue : Integer.parseInt(v.replace("_", ""));
  }

  long longValue(String name, long defaultValue) {
    String v = values.get(name);
    return v == null ? defaultValue : Long.parseLong(v.replace("_", ""));
  }

  String text(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }
}
