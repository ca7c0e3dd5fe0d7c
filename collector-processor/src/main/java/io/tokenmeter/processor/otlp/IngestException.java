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
}
