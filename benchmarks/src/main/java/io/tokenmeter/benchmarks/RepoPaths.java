/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks find the repository's artefacts: system properties first (the smoke test
 * sets them), else found from the working directory upwards (run from the repository root or below
 * it).
 */
final class RepoPaths {
  private RepoPaths() {}

  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("benchmarks/pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "run from the repository (no benchmarks/pom.xml above " + dir + ")");
  }

  static Path dist(String file) {
    String dir = System.getProperty("tokenmeter.dist.dir");
    Path path = (dir != null ? Path.of(dir) : root().resolve("dist")).resolve(file).normalize();
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " is missing: run `mvn -DskipTests package` first");
    }
    return path;
  }

  static Path dashboards() {
    String dir = System.getProperty("tokenmeter.dashboards.dir");
    return (dir != null ? Path.of(dir) : root().resolve("dashboards")).normalize();
  }

  /** The overhead benchmark's child app classpath: its classes plus the SDKs' classpath file. */
  static String childAppClasspath() throws java.io.IOException {
    String file = System.getProperty("tokenmeter.benchmarks.child-classpath");
    Path cpFile =
        file != null ? Path.of(file) : root().resolve("benchmarks/target/child-app-classpath.txt");
    if (!Files.isRegularFile(cpFile)) {
      throw new IllegalStateException(
          cpFile + " is missing: run `mvn -pl benchmarks package` first");
    }
    String classes = System.getProperty("tokenmeter.benchmarks.classes");
    Path classesDir =
        classes != null ? Path.of(classes) : root().resolve("benchmarks/target/classes");
    return classesDir + java.io.File.pathSeparator + Files.readString(cpFile).trim();
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
