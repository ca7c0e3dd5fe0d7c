/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.app;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} / {@code --name=value} options of the demo tools; unknown names fail. */
final class DemoArgs {
  private DemoArgs() {}

  static Map<String, String> parse(String[] args, String... allowed) {
    List<String> names = Arrays.asList(allowed);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw usage("unexpected argument '" + a + "'", names);
      }
      String name;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(2, eq);
        value = a.substring(eq + 1);
      } else {
        name = a.substring(2);
        if (i + 1 >= args.length) {
          throw usage("--" + name + " needs a value", names);
        }
        value = args[++i];
      }
      if (!names.contains(name)) {
        throw usage("unknown option --" + name, names);
      }
      out.put(name, value);
    }
    return out;
  }

  static String require(Map<String, String> opts, String name, String usage) {
    String v = opts.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required; usage: " + usage);
    }
    return v;
  }

  private static IllegalArgumentException usage(String what, List<String> names) {
    return new IllegalArgumentException(what + " (options: --" + String.join(", --", names) + ")");
  }
}
