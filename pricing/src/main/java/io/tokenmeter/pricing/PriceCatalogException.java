/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

/**
 * Signals a price catalog that cannot be used, with a message naming the file, the line and what is
 * wrong, such as {@code prices-override.csv:17: column 'output': 'abc' is not a decimal number}.
 */
public final class PriceCatalogException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final int line;

  PriceCatalogException(String sourceName, int line, String problem) {
    super(sourceName + ':' + line + ": " + problem);
    this.sourceName = sourceName;
    this.line = line;
  }

  /** Returns the name of the catalog file or resource that holds the error. */
  public String sourceName() {
    return sourceName;
  }

  /** Returns the 1-based line number of the error. */
  public int line() {
    return line;
  }
}
