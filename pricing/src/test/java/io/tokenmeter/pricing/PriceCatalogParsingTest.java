/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import static io.tokenmeter.pricing.TestCatalogs.catalog;
import static io.tokenmeter.pricing.TestCatalogs.csv;
import static io.tokenmeter.pricing.TestCatalogs.namedCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceCatalogParsingTest {

  @Test
  void readsAllColumns() {
    ModelPrice price =
        catalog(
                "anthropic,claude-test,3,15,0.30,3.75,20,200000,6,22.50,0.60,"
                    + "https://example.com/pricing (2025-11-01)")
            .entries()
            .get(0);

    assertThat(price.key()).isEqualTo("anthropic/claude-test");
    assertThat(price.input()).isEqualByComparingTo("3");
    assertThat(price.output()).isEqualByComparingTo("15");
    assertThat(price.cacheRead()).isEqualByComparingTo("0.30");
    assertThat(price.cacheWrite()).isEqualByComparingTo("3.75");
    assertThat(price.reasoning()).isEqualByComparingTo("20");
    assertThat(price.longContextThreshold()).isEqualTo(200_000);
    assertThat(price.inputLong()).isEqualByComparingTo("6");
    assertThat(price.outputLong()).isEqualByComparingTo("22.50");
    assertThat(price.cacheReadLong()).isEqualByComparingTo("0.60");
    assertThat(price.source()).isEqualTo("https://example.com/pricing (2025-11-01)");
  }

  @Test
  void fallsBackToInputAndOutputForBlankCacheAndReasoningPrices() {
    ModelPrice price = catalog("openai,plain,2,8,,,,,,,,").entries().get(0);

    assertThat(price.cacheRead()).isEqualByComparingTo("2");
    assertThat(price.cacheWrite()).isEqualByComparingTo("2");
    assertThat(price.reasoning()).isEqualByComparingTo("8");
    assertThat(price.longContextThreshold()).isZero();
    assertThat(price.inputLong()).isNull();
    assertThat(price.outputLong()).isNull();
    assertThat(price.cacheReadLong()).isNull();
  }

  @Test
  void namesTheFileAndLineAsSourceOfARowWithoutOne() {
    ModelPrice price = namedCatalog("mine.csv", "openai,plain,2,8,,,,,,,,").entries().get(0);

    assertThat(price.source()).isEqualTo("mine.csv:2");
  }

  @Test
  void skipsCommentsAndBlankLinesAndAcceptsQuotedFields() {
    String text =
        "\uFEFF# prices for tests\n\n"
            + PriceCsvReader.HEADER
            + "\n"
            + "  # indented comment\n"
            + "\"OpenAI\",\"GPT-Test\", 1 , 2 ,,,,,,,,\"pricing page, \"\"tier 1\"\""
            + " (2025-11-01)\"\n"
            + "\n";

    PriceCatalog catalog = PriceCatalog.parse(new StringReader(text), "quoted.csv");

    assertThat(catalog.size()).isEqualTo(1);
    ModelPrice price = catalog.entries().get(0);
    assertThat(price.key()).isEqualTo("openai/gpt-test");
    assertThat(price.input()).isEqualByComparingTo("1");
    assertThat(price.source()).isEqualTo("pricing page, \"tier 1\" (2025-11-01)");
  }

  @Test
  void mapsOlderProviderSpellingsToTheCurrentOnes() {
    PriceCatalog catalog =
        catalog(
            "az.ai.openai,a,1,1,,,,,,,,", "mistralai,b,1,1,,,,,,,,", "aws_bedrock,c,1,1,,,,,,,,");

    assertThat(catalog.entries())
        .extracting(ModelPrice::key)
        .containsExactly("azure.ai.openai/a", "mistral_ai/b", "aws.bedrock/c");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "openai,gpt-x,1,abc,,,,,,,, | column 'output': 'abc' is not a decimal number",
        "openai,gpt-x,1,2,,,,,,, | expected 12 columns but found 11",
        "openai,gpt-x,1,2,,,,,,,,, | expected 12 columns but found 13",
        "openai,gpt-x,-1,2,,,,,,,, | column 'input': '-1' is negative",
        "openai,gpt-x,1,2,-0.1,,,,,,, | column 'cache_read': '-0.1' is negative",
        "openai,gpt-x,,2,,,,,,,, | column 'input' is empty",
        "openai,gpt-x,1,$2,,,,,,,, | column 'output': '$2' is not a decimal number",
        "openai,gpt-x,1,2,,,,1000,,,, | input_long and output_long are required",
        "openai,gpt-x,1,2,,,,1000,3,,, | input_long and output_long are required",
        "openai,gpt-x,1,2,,,,,3,4,, | prices are given without long_context_threshold",
        "openai,gpt-x,1,2,,,,,,,0.5, | prices are given without long_context_threshold",
        "openai,gpt-x,1,2,,,,1.5,3,4,, | '1.5' is not a whole number",
        "openai,gpt-x,1,2,,,,0,3,4,, | '0' must be greater than 0",
        ",gpt-x,1,2,,,,,,,, | column 'provider' is empty",
        "openai,,1,2,,,,,,,, | column 'model' is empty",
        "openai,openai/gpt-x,1,2,,,,,,,, | 'openai/gpt-x' must not contain spaces or '/'",
        "aws.bedrock,us.anthropic.claude-x,1,2,,,,,,,, | would never match",
        "openai,gpt-x,1,2,,,,,,,,\"unterminated | unterminated quoted field",
      })
  void rejectsABadRowNamingFileAndLine(String row, String problem) {
    assertThatThrownBy(
            () -> namedCatalog("prices-override.csv", "openai,fine,1,2,,,,,,,,", row.trim()))
        .isInstanceOf(PriceCatalogException.class)
        .hasMessageStartingWith("prices-override.csv:3: ")
        .hasMessageContaining(problem)
        .satisfies(
            e -> {
              PriceCatalogException error = (PriceCatalogException) e;
              assertThat(error.sourceName()).isEqualTo("prices-override.csv");
              assertThat(error.line()).isEqualTo(3);
            });
  }

  @Test
  void rejectsANonDecimalWithTheExactMessage() {
    assertThatThrownBy(() -> namedCatalog("prices-override.csv", "openai,gpt-x,1,abc,,,,,,,,"))
        .hasMessage("prices-override.csv:2: column 'output': 'abc' is not a decimal number");
  }

  @Test
  void rejectsADuplicateProviderAndModelInOneFile() {
    assertThatThrownBy(
            () ->
                namedCatalog(
                    "dup.csv",
                    "openai,gpt-x,1,2,,,,,,,,",
                    "# same model, other case",
                    "OpenAI,GPT-X,1,2,,,,,,,,"))
        .isInstanceOf(PriceCatalogException.class)
        .hasMessage("dup.csv:4: duplicate row for openai/gpt-x (first at line 2)");
  }

  @Test
  void acceptsTheSameModelUnderTwoProviders() {
    assertThat(catalog("openai,gpt-x,1,2,,,,,,,,", "azure.ai.openai,gpt-x,1,2,,,,,,,,").size())
        .isEqualTo(2);
  }

  @Test
  void rejectsAWrongHeader() {
    String text = "# comment\nprovider,model,input,output\nopenai,gpt-x,1,2\n";

    assertThatThrownBy(() -> PriceCatalog.parse(new StringReader(text), "short.csv"))
        .isInstanceOf(PriceCatalogException.class)
        .hasMessageStartingWith("short.csv:2: header must be");
  }

  @Test
  void rejectsAFileWithoutHeader() {
    assertThatThrownBy(() -> PriceCatalog.parse(new StringReader("# only a comment\n"), "e.csv"))
        .isInstanceOf(PriceCatalogException.class)
        .hasMessageStartingWith("e.csv:1: missing header row");
  }

  @Test
  void loadsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("prices-override.csv");
    Files.write(good, csv("openai,gpt-x,1,2,,,,,,,,").getBytes(StandardCharsets.UTF_8));
    Path bad = dir.resolve("broken.csv");
    Files.write(
        bad,
        csv("openai,gpt-x,1,2,,,,,,,,", "openai,gpt-y,1,abc,,,,,,,,")
            .getBytes(StandardCharsets.UTF_8));

    assertThat(PriceCatalog.load(good).find("openai", "gpt-x").source())
        .isEqualTo("prices-override.csv:2");
    assertThatThrownBy(() -> PriceCatalog.load(bad))
        .isInstanceOf(PriceCatalogException.class)
        .hasMessage("broken.csv:3: column 'output': 'abc' is not a decimal number");
  }

  @Test
  void overrideReplacesRowsByProviderAndModelAndAddsNewOnes() {
    PriceCatalog base = catalog("openai,gpt-x,1,2,,,,,,,,", "openai,gpt-y,3,4,,,,,,,,");
    PriceCatalog overrides =
        namedCatalog("override.csv", "openai,gpt-y,30,40,,,,,,,,", "anthropic,gpt-y,5,6,,,,,,,,");

    PriceCatalog merged = base.withOverrides(overrides);

    assertThat(merged.entries())
        .extracting(ModelPrice::key)
        .containsExactly("openai/gpt-x", "openai/gpt-y", "anthropic/gpt-y");
    assertThat(merged.find("openai", "gpt-y-2025-01-31").input()).isEqualByComparingTo("30");
    assertThat(merged.find("openai", "gpt-x").input()).isEqualByComparingTo("1");
    assertThat(merged.find("anthropic", "gpt-y").input()).isEqualByComparingTo("5");
    assertThat(base.find("openai", "gpt-y").input()).isEqualByComparingTo("3");
  }

  @Test
  void overrideCanPriceAModelTheBundledCatalogDoesNotKnow() {
    PriceCatalog merged =
        PriceCatalog.bundled()
            .withOverrides(
                catalog("openai,ft:gpt-4o-mini-2024-07-18:acme:custom:abc123,0.30,1.20,,,,,,,,"));

    assertThat(merged.find("openai", "ft:gpt-4o-mini-2024-07-18:acme:custom:abc123").key())
        .isEqualTo("openai/ft:gpt-4o-mini-2024-07-18:acme:custom:abc123");
    assertThat(merged.find("openai", "ft:gpt-4o-mini-2024-07-18:acme:custom:other")).isNull();
    assertThat(merged.size()).isEqualTo(PriceCatalog.bundled().size() + 1);
  }
}
