/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The machine's load average and core count, printed with every table so figures carry context. */
final class MachineLoad {
  private MachineLoad() {}

  /** Returns the 1, 5 and 15 minute load averages, or "n/a" where /proc/loadavg is missing. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  static String header(String benchmark) {
    return "# "
        + benchmark
        + " | "
        + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
        + " | cores="
        + Runtime.getRuntime().availableProcessors()
        + " | load average (1/5/15 min)="
        + loadAverage()
        + " | java="
        + System.getProperty("java.version");
  }
}
