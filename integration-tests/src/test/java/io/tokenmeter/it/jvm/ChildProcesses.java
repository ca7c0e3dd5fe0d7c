/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every child process the harness started: destroys process trees, keeps a JVM shutdown hook as a
 * backstop so none outlives the test JVM, and remembers which logs belong to the running test.
 */
final class ChildProcesses {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final ThreadLocal<List<ChildLogs>> STARTED_BY_TEST =
      ThreadLocal.withInitial(ArrayList::new);

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcesses::kill), "child-jvm-reaper"));
  }

  /** Output files of one child process. */
  record ChildLogs(String name, List<String> command, Path stdout, Path stderr) {
    String describe(int maxLines) {
      return "\n----- child JVM '"
          + name
          + "': "
          + String.join(" ", command)
          + "\n----- stdout ("
          + stdout
          + "):"
          + tail(stdout, maxLines)
          + "\n----- stderr ("
          + stderr
          + "):"
          + tail(stderr, maxLines)
          + "\n-----";
    }
  }

  private ChildProcesses() {}

  static void register(Process process, ChildLogs logs) {
    LIVE.add(process);
    STARTED_BY_TEST.get().add(logs);
    process.onExit().thenRun(() -> LIVE.remove(process));
  }

  static void forgetTestLogs() {
    STARTED_BY_TEST.get().clear();
  }

  static List<ChildLogs> testLogs() {
    return List.copyOf(STARTED_BY_TEST.get());
  }

  /**
   * Asks the tree to stop (SIGTERM, so the agent can flush), then forces it after the grace period.
   */
  static void destroyTree(Process process, long graceMillis) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        kill(process);
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    LIVE.remove(process);
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  static String tail(Path file, int maxLines) {
    try {
      List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
      int from = Math.max(0, lines.size() - maxLines);
      String head = from > 0 ? "\n  ... " + from + " earlier lines in the file" : "";
      return head
          + (lines.isEmpty()
              ? " (empty)"
              : "\n  " + String.join("\n  ", lines.subList(from, lines.size())));
    } catch (IOException e) {
      return " (unreadable: " + e + ")";
    }
  }
}
