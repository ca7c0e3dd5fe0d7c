/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

/**
 * Signals an ingest failure with its {@link IngestError} and a message safe to send to the client.
 */
public final class IngestException extends Exception {
  private final IngestError error;

  public IngestException(IngestError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public IngestError error() {
    return error;
  }

  /** Returns what went wrong in {@code cause}, cut to 200 characters, for a client's error body. */
  static String summary(Throwable cause) {
    String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }
}
