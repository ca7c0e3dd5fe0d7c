/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.jvm;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * JUnit extension that attaches the stdout and stderr of every child JVM the failing test started
 * to its failure (as a suppressed exception, so the failure keeps its type and message).
 */
public final class ChildJvmLogsOnFailure
    implements BeforeEachCallback, TestExecutionExceptionHandler {
  private static final int MAX_LINES = 150;

  @Override
  public void beforeEach(ExtensionContext context) {
    ChildProcesses.forgetTestLogs();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    for (ChildProcesses.ChildLogs logs : ChildProcesses.testLogs()) {
      failure.addSuppressed(new ChildJvmOutput(logs.describe(MAX_LINES)));
    }
    throw failure;
  }

  /** Carries a child JVM's output into a test report; it has no stack trace of its own. */
  static final class ChildJvmOutput extends Exception {
    ChildJvmOutput(String output) {
      super(output, null, false, false);
    }
  }
}
