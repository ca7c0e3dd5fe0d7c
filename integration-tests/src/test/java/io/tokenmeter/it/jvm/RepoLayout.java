/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.jvm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the repository's built artifacts are: {@code dist/}, the integration tests' compiled
 * classes and the per-SDK classpath files written by {@code
 * integration-tests/sdk-classpaths/<name>}.
 */
public final class RepoLayout {
  private static final String AGENT_JAR = "opentelemetry-javaagent.jar";

  private RepoLayout() {}

  /**
   * Returns the repository root: the {@code tokenmeter.root} system property (set by failsafe),
   * else the parent of {@code tokenmeter.it.dir}, else the first ancestor of the working directory
   * that has {@code dist/opentelemetry-javaagent.jar}.
   */
  public static Path root() {
    for (String candidate :
        new String[] {
          System.getProperty("tokenmeter.root"), parentOf(System.getProperty("tokenmeter.it.dir"))
        }) {
      if (candidate != null && Files.isRegularFile(Paths.get(candidate, "dist", AGENT_JAR))) {
        return Paths.get(candidate).toAbsolutePath().normalize();
      }
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("dist").resolve(AGENT_JAR))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (no dist/"
            + AGENT_JAR
            + "): run `mvn package` at the root first;"
            + " tokenmeter.root="
            + System.getProperty("tokenmeter.root"));
  }

  private static String parentOf(String dir) {
    return dir == null ? null : String.valueOf(Paths.get(dir).toAbsolutePath().getParent());
  }

  /** Returns a file in {@code dist/}, failing when it was not built. */
  public static Path dist(String fileName) {
    Path file = root().resolve("dist").resolve(fileName);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file + " does not exist: run `mvn package` at the repository root");
    }
    return file;
  }

  /** Returns the integration-tests module directory. */
  public static Path itModule() {
    return root().resolve("integration-tests");
  }

  /** Returns the compiled test classes (the apps the child JVMs run). */
  public static Path testClasses() {
    return itModule().resolve("target").resolve("test-classes");
  }

  /** Returns the directory for child JVM logs, created on demand. */
  public static Path childLogDir() {
    Path dir = itModule().resolve("target").resolve("child-jvms");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the run-time classpath (path-separator separated) of the SDK classpath module with that
   * directory name, such as {@code openai-4.101.0}.
   */
  public static String sdkClasspath(String name) {
    Path file =
        itModule()
            .resolve("sdk-classpaths")
            .resolve(name)
            .resolve("target")
            .resolve("classpath.txt");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "no classpath for SDK '"
              + name
              + "': "
              + file
              + " is missing. Each SDK version needs a module"
              + " integration-tests/sdk-classpaths/"
              + name
              + " (listed in the root pom) that was built.");
    }
    String classpath;
    try {
      classpath = Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    requireMatchingJackson(name, classpath);
    return classpath;
  }

  /**
   * An SDK never ships with jackson-databind and jackson-core of different versions; a managed
   * version can. (Spring Boot 4 apps carry Jackson 2 and Jackson 3 side by side: compare per
   * major.)
   */
  private static void requireMatchingJackson(String name, String classpath) {
    java.util.Set<String> core = jarVersions(classpath, "jackson-core-");
    java.util.Set<String> databind = jarVersions(classpath, "jackson-databind-");
    if (!core.isEmpty() && !databind.isEmpty() && !core.equals(databind)) {
      throw new IllegalStateException(
          "SDK classpath '"
              + name
              + "' mixes jackson-core "
              + core
              + " with jackson-databind "
              + databind
              + ": set sdk.jackson.version in integration-tests/sdk-classpaths/"
              + name
              + "/pom.xml to the version the SDK's POM declares");
    }
  }

  private static java.util.Set<String> jarVersions(String classpath, String prefix) {
    java.util.Set<String> versions = new java.util.TreeSet<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      String jar = Paths.get(entry).getFileName().toString();
      if (jar.startsWith(prefix) && jar.endsWith(".jar")) {
        versions.add(jar.substring(prefix.length(), jar.length() - ".jar".length()));
      }
    }
    return versions;
  }
}
