/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import java.util.logging.LogManager;

/**
 * Keeps log handlers alive during JVM shutdown: the JDK's LogManager resets itself in its own
 * shutdown hook, which would swallow what the processor logs while draining.
 */
public final class ShutdownSafeLogManager extends LogManager {
  @Override
  public void reset() {
    // ignored: the JVM's own shutdown hook calls this before ours has finished logging
  }
}
