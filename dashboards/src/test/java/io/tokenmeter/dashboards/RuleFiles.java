/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The shipped Prometheus rule files and promtool tests, read as plain YAML. */
final class RuleFiles {
  static final Path RULES = Tools.moduleDir().resolve("prometheus/rules");
  static final Path TESTS = Tools.moduleDir().resolve("prometheus/tests");
  static final Path RECORDING = RULES.resolve("tokenmeter-recording.yml");
  static final Path ALERTS = RULES.resolve("tokenmeter-alerts.yml");

  /** One recording or alerting rule, with the name of its group and its position in the group. */
  record Rule(
      String group, int index, String name, boolean alert, String expr, Map<String, Object> raw) {
    @SuppressWarnings("unchecked")
    Map<String, String> labels() {
      return (Map<String, String>) raw.getOrDefault("labels", Map.of());
    }

    @SuppressWarnings("unchecked")
    Map<String, String> annotations() {
      return (Map<String, String>) raw.getOrDefault("annotations", Map.of());
    }
  }

  private RuleFiles() {}

  static Object yaml(Path file) {
    try {
      return new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Rule> rules(Path file) {
    List<Rule> rules = new ArrayList<>();
    Map<String, Object> doc = (Map<String, Object>) yaml(file);
    for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
      List<Map<String, Object>> groupRules = (List<Map<String, Object>>) group.get("rules");
      for (int i = 0; i < groupRules.size(); i++) {
        Map<String, Object> rule = groupRules.get(i);
        boolean alert = rule.containsKey("alert");
        String name = (String) (alert ? rule.get("alert") : rule.get("record"));
        rules.add(
            new Rule(
                (String) group.get("name"),
                i,
                name,
                alert,
                String.valueOf(rule.get("expr")),
                rule));
      }
    }
    return rules;
  }

  static List<Rule> allRules() {
    List<Rule> all = new ArrayList<>(rules(RECORDING));
    all.addAll(rules(ALERTS));
    return all;
  }

  /** Every alerting rule of both files, in file order. */
  static List<Rule> alerts() {
    return allRules().stream().filter(Rule::alert).toList();
  }

  /** Every recording rule of both files, in file order. */
  static List<Rule> recordings() {
    return allRules().stream().filter(r -> !r.alert()).toList();
  }

  static List<Path> testFiles() {
    try (Stream<Path> files = Files.list(TESTS)) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
