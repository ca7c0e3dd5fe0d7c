/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import static io.tokenmeter.pricing.TestCatalogs.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {
  private static final BigDecimal MILLION = new BigDecimal(1_000_000);

  @Test
  void pricesCachedInputAtCacheReadRate() {
    ModelPrice price = PriceCatalog.bundled().find("openai", "gpt-4o-mini-2024-07-18");
    TokenUsage usage = TokenUsage.of(1200, 300, 200, 0, 0);

    Cost cost = CostCalculator.cost(price, usage);

    BigDecimal expected =
        tokens(1000)
            .multiply(price.input())
            .add(tokens(200).multiply(price.cacheRead()))
            .add(tokens(300).multiply(price.output()))
            .divide(MILLION);
    assertThat(cost.total()).isEqualByComparingTo(expected);
    // 1000 x 0.15 + 200 x 0.075 + 300 x 0.60 per million
    assertThat(cost.total()).isEqualByComparingTo("0.000345");
    assertThat(cost.input()).isEqualByComparingTo("0.00015");
    assertThat(cost.cacheRead()).isEqualByComparingTo("0.000015");
    assertThat(cost.output()).isEqualByComparingTo("0.00018");
    assertThat(cost.cacheWrite()).isZero();
    assertThat(cost.price().key()).isEqualTo("openai/gpt-4o-mini");
  }

  @Test
  void pricesAnthropicCacheCreationAtCacheWriteRate() {
    ModelPrice price = PriceCatalog.bundled().find("anthropic", "claude-sonnet-4-5-20250929");
    // Anthropic reports 100 uncached + 5000 cache read + 2000 cache creation = 7100 input tokens.
    TokenUsage usage = TokenUsage.of(7100, 400, 5000, 2000, 0);

    Cost cost = CostCalculator.cost(price, usage);

    assertThat(cost.input()).isEqualByComparingTo("0.0003"); // 100 x 3.00
    assertThat(cost.cacheRead()).isEqualByComparingTo("0.0015"); // 5000 x 0.30
    assertThat(cost.cacheWrite()).isEqualByComparingTo("0.0075"); // 2000 x 3.75
    assertThat(cost.output()).isEqualByComparingTo("0.006"); // 400 x 15.00
    assertThat(cost.total()).isEqualByComparingTo("0.0153");
    assertThat(cost.longContext()).isFalse();
  }

  @Test
  void pricesReasoningAtOutputRateWhenNoReasoningPriceIsGiven() {
    ModelPrice price = row("openai,o-test,1,4,,,,,,,,");

    Cost cost = CostCalculator.cost(price, TokenUsage.of(0, 1000, 0, 0, 600));

    assertThat(cost.reasoning()).isEqualByComparingTo("0.0024"); // 600 x 4
    assertThat(cost.output()).isEqualByComparingTo("0.004"); // 1000 x 4
  }

  @Test
  void pricesReasoningAtReasoningRateWhenGiven() {
    ModelPrice price = row("openai,o-test,1,4,,,10,,,,,");

    Cost cost = CostCalculator.cost(price, TokenUsage.of(0, 1000, 0, 0, 600));

    assertThat(cost.reasoning()).isEqualByComparingTo("0.006"); // 600 x 10
    assertThat(cost.output()).isEqualByComparingTo("0.0076"); // 400 x 4 + 600 x 10
    assertThat(cost.total()).isEqualByComparingTo("0.0076");
  }

  @Test
  void pricesBlankCachePricesAtInputRate() {
    ModelPrice price = row("openai,no-cache-prices,2,8,,,,,,,,");

    Cost cost = CostCalculator.cost(price, TokenUsage.of(1000, 0, 300, 200, 0));

    assertThat(cost.input()).isEqualByComparingTo("0.001");
    assertThat(cost.cacheRead()).isEqualByComparingTo("0.0006");
    assertThat(cost.cacheWrite()).isEqualByComparingTo("0.0004");
  }

  @Test
  void keepsStandardPricesAtExactlyTheLongContextThreshold() {
    ModelPrice price = PriceCatalog.bundled().find("anthropic", "claude-sonnet-4-5");

    Cost cost = CostCalculator.cost(price, TokenUsage.of(200_000, 1000, 0, 0, 0));

    assertThat(cost.longContext()).isFalse();
    assertThat(cost.input()).isEqualByComparingTo("0.6"); // 200000 x 3.00
    assertThat(cost.output()).isEqualByComparingTo("0.015"); // 1000 x 15.00
  }

  @Test
  void switchesTheWholeRequestToLongPricesAboveTheThreshold() {
    ModelPrice price = PriceCatalog.bundled().find("anthropic", "claude-sonnet-4-5");
    // 200001 input tokens, of which 100000 cache reads and 50000 cache creation.
    TokenUsage usage = TokenUsage.of(200_001, 1000, 100_000, 50_000, 0);

    Cost cost = CostCalculator.cost(price, usage);

    assertThat(cost.longContext()).isTrue();
    assertThat(cost.input()).isEqualByComparingTo("0.300006"); // 50001 x 6.00
    assertThat(cost.cacheRead()).isEqualByComparingTo("0.06"); // 100000 x 0.60
    assertThat(cost.cacheWrite()).isEqualByComparingTo("0.375"); // 50000 x 3.75 x 6 / 3 = x 7.50
    assertThat(cost.output()).isEqualByComparingTo("0.0225"); // 1000 x 22.50
    assertThat(cost.total()).isEqualByComparingTo("0.757506");
  }

  @Test
  void countsCachedTokensTowardTheLongContextThreshold() {
    ModelPrice price = PriceCatalog.bundled().find("gcp.gemini", "gemini-2.5-pro");

    Cost cost = CostCalculator.cost(price, TokenUsage.of(250_000, 0, 240_000, 0, 0));

    assertThat(cost.longContext()).isTrue();
    assertThat(cost.input()).isEqualByComparingTo("0.025"); // 10000 x 2.50
    assertThat(cost.cacheRead()).isEqualByComparingTo("0.06"); // 240000 x 0.25
  }

  @Test
  void fallsBackToLongInputPriceForBlankLongCacheRead() {
    ModelPrice price = row("gcp.gemini,long-test,1,2,0.1,,,1000,3,4,,");

    Cost cost = CostCalculator.cost(price, TokenUsage.of(2000, 0, 1000, 0, 0));

    assertThat(cost.cacheRead()).isEqualByComparingTo("0.003"); // 1000 x 3
    assertThat(cost.cacheWrite()).isZero();
  }

  @Test
  void scalesAnExplicitReasoningPriceWithTheLongOutputPrice() {
    ModelPrice price = row("gcp.gemini,long-test,1,2,,,5,1000,3,4,,");

    Cost cost = CostCalculator.cost(price, TokenUsage.of(2000, 100, 0, 0, 100));

    assertThat(cost.reasoning()).isEqualByComparingTo("0.001"); // 100 x 5 x 4 / 2
  }

  @Test
  void roundsOnlyANonTerminatingLongContextRatio() {
    ModelPrice price = row("anthropic,thirds,3,15,,1,,10,1,20,,");

    Cost cost = CostCalculator.cost(price, TokenUsage.of(11, 0, 0, 3, 0));

    // 3 tokens x 1 x 1 / 3 per million: exact despite the awkward ratio.
    assertThat(cost.cacheWrite()).isEqualByComparingTo("0.000001");
    Cost awkward = CostCalculator.cost(price, TokenUsage.of(11, 0, 0, 1, 0));
    assertThat(awkward.cacheWrite().multiply(new BigDecimal(3)).movePointRight(6))
        .isCloseTo(BigDecimal.ONE, within(new BigDecimal("1e-30")));
  }

  @Test
  void costsNothingForNoTokens() {
    Cost cost =
        CostCalculator.cost(PriceCatalog.bundled().find("openai", "gpt-4o"), TokenUsage.of(0, 0));

    assertThat(cost.total()).isZero();
  }

  private static BigDecimal tokens(long count) {
    return BigDecimal.valueOf(count);
  }
}
