/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import java.math.BigDecimal;
import java.util.List;

/** One row of a usage report: the group key values (in group_by order), then the sums. */
public record UsageRow(
    List<String> keys,
    long requests,
    long inputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    long outputTokens,
    long reasoningTokens,
    BigDecimal costUsd) {

  public long totalTokens() {
    return inputTokens + cacheReadTokens + cacheWriteTokens + outputTokens + reasoningTokens;
  }
}
