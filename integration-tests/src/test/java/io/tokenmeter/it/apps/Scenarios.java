/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.apps;

/** The SDK-specific half of a test app: runs one named scenario and describes its failures. */
interface Scenarios extends AutoCloseable {
  /** Runs the scenario and returns its app-visible outcome; null when the name is unknown. */
  String run(String scenario) throws Exception;

  /** Returns the HTTP status of an SDK exception, or null when it has none. */
  Integer statusOf(Throwable failure);

  @Override
  void close();
}
