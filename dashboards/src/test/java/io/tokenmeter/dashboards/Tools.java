/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the tests run (promtool, amtool, prometheus). A missing tool fails the test on CI
 * ({@code CI=true}) and skips it, loudly, elsewhere.
 */
public final class Tools {
  private Tools() {}

  /** The module folder, dashboards/. */
  public static Path moduleDir() {
    return Path.of(System.getProperty("tokenmeter.dashboards.dir", "")).toAbsolutePath();
  }

  public static Path require(String tool, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String message = tool + " not found on PATH: apt-get install " + debianPackage;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true: missing tools fail the build)");
    }
    System.err.println(
        "\n" + "*".repeat(78) + "\n*** SKIPPED: " + message + "\n" + "*".repeat(78) + "\n");
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** Exit code and combined output of one finished command. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  static Result run(Path workDir, List<String> command) {
    try {
      Path log = Files.createTempFile("tool", ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("timed out: " + String.join(" ", command));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.delete(log);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new AssertionError("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }
}
