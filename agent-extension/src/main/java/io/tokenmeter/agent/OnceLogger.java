/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs each distinct failure of our own code once, so a broken hook never floods the app's logs.
 */
public final class OnceLogger {
  private static final Logger logger = Logger.getLogger("io.tokenmeter.agent");
  private static final Set<String> seen = ConcurrentHashMap.newKeySet();

  private OnceLogger() {}

  /** Logs the failure at WARNING the first time this place fails with this exception type. */
  public static void failure(String where, Throwable error) {
    try {
      String key = where + '|' + error.getClass().getName();
      if (seen.size() < 1000 && seen.add(key)) {
        logger.log(
            Level.WARNING,
            "tokenmeter: " + where + " failed; the application is unaffected. Logged once.",
            error);
      }
    } catch (Throwable ignored) {
      // Logging must never be the thing that breaks the host application.
    }
  }
}
