/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process (Prometheus, Alertmanager) logging to a file. */
final class ToolProcess implements AutoCloseable {
  private final Process process;
  final Path log;

  private ToolProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ToolProcess start(Path log, List<String> command) throws IOException {
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ToolProcess(p, log);
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
