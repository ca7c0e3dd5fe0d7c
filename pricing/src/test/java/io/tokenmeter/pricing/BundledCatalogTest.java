/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BundledCatalogTest {
  private static final Pattern SOURCE_WITH_DATE =
      Pattern.compile("https://\\S+ \\(20\\d\\d-[01]\\d-[0-3]\\d\\)");

  private final PriceCatalog bundled = PriceCatalog.bundled();

  @Test
  void loadsOnceWithAtLeast45Rows() {
    assertThat(bundled.size()).isGreaterThanOrEqualTo(45);
    assertThat(PriceCatalog.bundled()).isSameAs(bundled);
  }

  @Test
  void namesAPricingPageAndDateForEveryRow() {
    assertThat(bundled.entries())
        .allSatisfy(row -> assertThat(row.source()).as(row.key()).matches(SOURCE_WITH_DATE));
  }

  @Test
  void hasNoNegativePrices() {
    assertThat(bundled.entries())
        .allSatisfy(
            row -> {
              assertThat(row.input().signum()).as(row.key()).isNotNegative();
              assertThat(row.output().signum()).as(row.key()).isNotNegative();
              assertThat(row.cacheRead().signum()).as(row.key()).isNotNegative();
              assertThat(row.cacheWrite().signum()).as(row.key()).isNotNegative();
              assertThat(row.reasoning().signum()).as(row.key()).isNotNegative();
            });
  }

  @Test
  void findsEveryRowByItsOwnProviderAndName() {
    assertThat(bundled.entries())
        .allSatisfy(row -> assertThat(bundled.find(row.provider(), row.model())).isSameAs(row));
  }

  @Test
  void pricesAnthropicCacheAtTheirFixedMultiplesOfInput() {
    assertThat(bundled.entries())
        .filteredOn(row -> row.provider().equals("anthropic"))
        // Claude 3 Haiku predates the rule: $0.03 reads and $0.30 writes on $0.25 input.
        .filteredOn(row -> !row.model().equals("claude-3-haiku"))
        .isNotEmpty()
        .allSatisfy(
            row -> {
              assertThat(row.cacheRead())
                  .as(row.key())
                  .isEqualByComparingTo(row.input().multiply(new BigDecimal("0.1")));
              assertThat(row.cacheWrite())
                  .as(row.key())
                  .isEqualByComparingTo(row.input().multiply(new BigDecimal("1.25")));
            });
  }

  @Test
  void coversTheModelsOtherModulesDependOn() {
    String[][] required = {
      {"openai", "gpt-4o"},
      {"openai", "gpt-4o-mini"},
      {"openai", "gpt-4.1"},
      {"openai", "gpt-4.1-mini"},
      {"openai", "gpt-4.1-nano"},
      {"openai", "o1"},
      {"openai", "o3"},
      {"openai", "o3-mini"},
      {"openai", "o4-mini"},
      {"openai", "gpt-5"},
      {"openai", "gpt-5-mini"},
      {"openai", "gpt-5-nano"},
      {"openai", "gpt-5.1"},
      {"openai", "gpt-4-turbo"},
      {"openai", "gpt-3.5-turbo"},
      {"openai", "text-embedding-3-small"},
      {"openai", "text-embedding-3-large"},
      {"openai", "text-embedding-ada-002"},
      {"anthropic", "claude-3-haiku"},
      {"anthropic", "claude-3-5-haiku"},
      {"anthropic", "claude-haiku-4-5"},
      {"anthropic", "claude-3-5-sonnet"},
      {"anthropic", "claude-3-7-sonnet"},
      {"anthropic", "claude-sonnet-4"},
      {"anthropic", "claude-sonnet-4-5"},
      {"anthropic", "claude-opus-4"},
      {"anthropic", "claude-opus-4-1"},
      {"anthropic", "claude-opus-4-5"},
      {"gcp.gemini", "gemini-2.5-pro"},
      {"gcp.gemini", "gemini-2.5-flash"},
      {"gcp.gemini", "gemini-2.5-flash-lite"},
      {"gcp.gemini", "gemini-2.0-flash"},
      {"gcp.gemini", "gemini-embedding-001"},
      {"mistral_ai", "mistral-large"},
      {"mistral_ai", "mistral-medium"},
      {"mistral_ai", "mistral-small"},
      {"mistral_ai", "codestral"},
      {"mistral_ai", "open-mistral-nemo"},
      {"mistral_ai", "ministral-8b"},
      {"aws.bedrock", "nova-pro"},
      {"aws.bedrock", "nova-lite"},
      {"aws.bedrock", "nova-micro"},
      {"aws.bedrock", "titan-embed-text-v2"},
      {"aws.bedrock", "llama3-3-70b-instruct"},
      {"aws.bedrock", "llama3-1-8b-instruct"},
    };
    for (String[] model : required) {
      ModelPrice row = bundled.find(model[0], model[1]);
      assertThat(row).as(model[0] + "/" + model[1]).isNotNull();
      assertThat(row.key()).isEqualTo(model[0] + "/" + model[1]);
    }
  }

  @Test
  void givesSonnetAndGeminiProALongContextTierAt200kTokens() {
    for (String key : new String[] {"anthropic/claude-sonnet-4", "anthropic/claude-sonnet-4-5"}) {
      ModelPrice row = bundled.find("anthropic", key.substring("anthropic/".length()));
      assertThat(row.longContextThreshold()).as(key).isEqualTo(200_000);
      assertThat(row.inputLong()).as(key).isEqualByComparingTo("6");
      assertThat(row.outputLong()).as(key).isEqualByComparingTo("22.5");
      assertThat(row.cacheReadLong()).as(key).isEqualByComparingTo("0.6");
    }
    assertThat(bundled.find("gcp.gemini", "gemini-2.5-pro").longContextThreshold())
        .isEqualTo(200_000);
  }
}
