/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenUsageTest {

  @Test
  void countsCachedTokensInsideInput() {
    TokenUsage usage = TokenUsage.of(1200, 300, 200, 100, 50);

    assertThat(usage.inputTokens()).isEqualTo(1200);
    assertThat(usage.uncachedInputTokens()).isEqualTo(900);
    assertThat(usage.outputTokens()).isEqualTo(300);
    assertThat(usage.nonReasoningOutputTokens()).isEqualTo(250);
  }

  @Test
  void neverReportsNegativeRemainders() {
    TokenUsage inconsistent = TokenUsage.of(10, 5, 20, 0, 9);

    assertThat(inconsistent.uncachedInputTokens()).isZero();
    assertThat(inconsistent.nonReasoningOutputTokens()).isZero();
  }

  @Test
  void rejectsNegativeCounts() {
    assertThatThrownBy(() -> TokenUsage.of(1, 1, -1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cacheReadTokens");
  }

  @Test
  void isAValue() {
    assertThat(TokenUsage.of(1, 2, 0, 0, 0))
        .isEqualTo(TokenUsage.of(1, 2))
        .hasSameHashCodeAs(TokenUsage.of(1, 2))
        .isNotEqualTo(TokenUsage.of(1, 2, 0, 0, 1));
    assertThat(TokenUsage.of(1, 2).toString()).contains("input=1", "output=2");
  }
}
