/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used, all its threads, from Linux's {@code /proc/<pid>/stat}. */
final class ProcessCpu {
  /** Clock ticks per second of the utime and stime fields ({@code getconf CLK_TCK}). */
  private static final double TICKS_PER_SECOND = clockTicks();

  private ProcessCpu() {}

  /** Returns the user plus system CPU seconds of {@code pid}, or NaN where /proc is missing. */
  static double seconds(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.isReadable(stat)) {
      return Double.NaN;
    }
    try {
      String line = Files.readString(stat);
      // Fields after the command name, which is in parentheses and may contain spaces: state is
      // field 3, utime field 14 and stime field 15 of the whole line.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? Double.parseDouble(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100; // the Linux default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
