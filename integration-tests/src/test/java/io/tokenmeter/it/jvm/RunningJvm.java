/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.jvm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM started by {@link AgentJvm#start()}; {@link #close()} stops its whole process tree.
 */
public final class RunningJvm implements AutoCloseable {
  private static final long STOP_GRACE_MILLIS = 10_000;

  private final Process process;
  private final ChildProcesses.ChildLogs logs;
  private final LineTail stdout;
  private final List<String> seen = new ArrayList<>();

  RunningJvm(Process process, ChildProcesses.ChildLogs logs) {
    this.process = process;
    this.logs = logs;
    this.stdout = new LineTail(logs.stdout());
  }

  /**
   * Waits for the next stdout line that matches the regular expression (anywhere in the line) and
   * returns the match, so groups can be read; fails when the process exits or the timeout passes
   * first.
   */
  public Matcher readLineMatching(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean exited = false;
    while (true) {
      String line = stdout.nextLine();
      if (line != null) {
        seen.add(line);
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      } else if (exited) {
        throw new AssertionError(
            "child JVM exited with "
                + process.exitValue()
                + " before printing a line matching /"
                + regex
                + "/"
                + describe());
      } else if (!process.isAlive()) {
        exited = true; // one more pass: everything it wrote is in the file now
      } else if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no stdout line matching /" + regex + "/ within " + timeout + describe());
      } else {
        sleep(20);
      }
    }
  }

  /** Returns the stdout lines read so far by {@link #readLineMatching}. */
  public List<String> linesRead() {
    return List.copyOf(seen);
  }

  /** Returns whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  Process process() {
    return process;
  }

  ChildProcesses.ChildLogs logs() {
    return logs;
  }

  /** Returns the process id, for diagnostics. */
  public long pid() {
    return process.pid();
  }

  /** Returns the captured stdout and stderr, for failure messages. */
  public String describe() {
    return logs.describe(150);
  }

  /**
   * Stops the process tree: SIGTERM first, so the agent's shutdown hook exports what is pending,
   * then a forced kill after a grace period.
   */
  @Override
  public void close() {
    ChildProcesses.destroyTree(process, STOP_GRACE_MILLIS);
    stdout.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
