/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.price;

/** The {@code token_type} partition: the five parts sum to all tokens (and all cost) of a call. */
public enum TokenType {
  INPUT("input"),
  CACHE_READ("cache_read"),
  CACHE_WRITE("cache_write"),
  OUTPUT("output"),
  REASONING("reasoning");

  private final String label;

  TokenType(String label) {
    this.label = label;
  }

  /** Returns the label value used in metrics. */
  public String label() {
    return label;
  }
}
