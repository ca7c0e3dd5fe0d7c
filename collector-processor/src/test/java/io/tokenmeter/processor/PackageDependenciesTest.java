/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The processor's packages follow the data one way: receive (otlp) → read (normalize) → price →
 * record (metrics, attribution, budget, usage) → ledger, with config a leaf. Read from the compiled
 * classes by {@code jdeps}, so every reference counts, not only imports.
 */
class PackageDependenciesTest {
  private static final String ROOT = "io.tokenmeter.processor";
  private static final Pattern EDGE =
      Pattern.compile(
          "^\\s*(" + Pattern.quote(ROOT) + "\\S*)\\s+->\\s+(" + Pattern.quote(ROOT) + "\\S*)\\s");

  private static Map<String, Set<String>> graph;

  @BeforeAll
  static void readGraph() throws URISyntaxException {
    Path classes =
        Path.of(Processor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "-verbose:package",
            "-e",
            Pattern.quote(ROOT) + ".*",
            classes.toString());
    assertThat(exit).as("jdeps failed: %s", err).isZero();
    graph = new TreeMap<>();
    for (String line : out.toString().split("\\R")) {
      Matcher m = EDGE.matcher(line);
      if (m.find() && !m.group(1).equals(m.group(2))) {
        graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
      }
    }
    assertThat(graph).as("jdeps found the processor's packages").containsKey(ROOT + ".otlp");
  }

  @Test
  void noPackageCycle() {
    assertThat(cycles()).as("package cycles").isEmpty();
  }

  @Test
  void configKnowsNoOtherProcessorPackage() {
    assertThat(graph.getOrDefault(ROOT + ".config", Set.of())).isEmpty();
  }

  @Test
  void theLedgerKnowsNothingAboveIt() {
    assertThat(graph.getOrDefault(ROOT + ".ledger", Set.of())).isEmpty();
  }

  /** Returns one cycle per strongly connected group of packages, as "a -> b -> a". */
  private static List<String> cycles() {
    List<String> found = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String start : graph.keySet()) {
      if (done.contains(start)) {
        continue;
      }
      Deque<String> path = new ArrayDeque<>();
      String cycle = search(start, path, new TreeSet<>(), done);
      if (cycle != null) {
        found.add(cycle);
        done.addAll(List.of(cycle.split(" -> ")));
      }
    }
    return found;
  }

  /** Depth-first search from {@code node}; returns the first cycle met, or null. */
  private static String search(
      String node, Deque<String> path, Set<String> onPath, Set<String> done) {
    if (onPath.contains(node)) {
      List<String> cycle = new ArrayList<>();
      boolean in = false;
      for (String p : path) {
        in |= p.equals(node);
        if (in) {
          cycle.add(p);
        }
      }
      cycle.add(node);
      return String.join(" -> ", cycle);
    }
    if (done.contains(node)) {
      return null;
    }
    path.addLast(node);
    onPath.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      String cycle = search(next, path, onPath, done);
      if (cycle != null) {
        return cycle;
      }
    }
    path.removeLast();
    onPath.remove(node);
    done.add(node);
    return null;
  }
}
