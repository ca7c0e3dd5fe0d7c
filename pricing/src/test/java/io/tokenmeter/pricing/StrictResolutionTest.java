/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import static io.tokenmeter.pricing.TestCatalogs.catalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictResolutionTest {
  private final PriceCatalog bundled = PriceCatalog.bundled();

  @ParameterizedTest(name = "{0} {1} -> no price")
  @CsvSource({
    "openai, gpt-5.2",
    "openai, gpt-5.3",
    "openai, gpt-5.4-pro",
    "openai, gpt-5.4-mini",
    "openai, gpt-5.4-nano",
    "openai, gpt-5.5",
    "openai, gpt-5.6-pro",
    "openai, gpt-5.1-codex-mini",
    "openai, gpt-5.1-codex",
    "openai, gpt-5-codex",
    "openai, gpt-4o-mini-tts",
    "openai, gpt-4o-mini-transcribe",
    "openai, gpt-4o-transcribe",
    "openai, gpt-4o-audio-preview",
    "openai, gpt-4o-mini-search-preview",
    "openai, gpt-3.5-turbo-1106",
    "openai, gpt-3.5-turbo-16k",
    "openai, o1-preview",
    "openai, o3-mini-high",
    "azure.ai.openai, gpt-5.4-pro",
    "anthropic, claude-opus-4-6",
    "anthropic, claude-opus-4-7",
    "anthropic, claude-opus-4-8",
    "anthropic, claude-sonnet-4-6",
    "anthropic, claude-opus-4-6-20260205",
    "aws.bedrock, us.anthropic.claude-opus-4-6-v1:0",
    "aws.bedrock, global.anthropic.claude-sonnet-4-6",
    "gcp.vertex_ai, claude-opus-4-6@20260205",
    "gcp.vertex_ai, claude-sonnet-4-6",
    "mistral_ai, mistral-large-2512",
    "mistral_ai, mistral-large-3",
    "mistral_ai, mistral-small-2402",
    "mistral_ai, ministral-8b-2512",
    "gcp.gemini, gemini-2.5-flash-preview-05-20",
    "gcp.gemini, gemini-flash-latest",
    "gcp.gemini, gemini-3-pro-image-preview",
    "openai, gpt-4o-2024-13-01",
    "openai, gpt-4o-20241301",
    "openai, gpt-4o-0806",
    "openai, ft:gpt-4o-mini-2024-07-18:acme::abc123",
    "aws.bedrock, amazon.titan-embed-text-v3:0",
    "aws.bedrock, anthropic.claude-3-haiku-20240307-v1:0:200k",
  })
  void leavesAModelThatOnlySharesAPrefixWithARowUnpriced(String provider, String model) {
    assertThat(bundled.find(provider, model)).isNull();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "openai, gpt-4o-2024-08-06, openai/gpt-4o",
    "openai, gpt-4o-2024-05-13, openai/gpt-4o-2024-05-13",
    "openai, gpt-4-0613, openai/gpt-4",
    "openai, gpt-3.5-turbo-0125, openai/gpt-3.5-turbo",
    "azure.ai.openai, gpt-35-turbo, openai/gpt-3.5-turbo",
    "azure.ai.openai, azure/gpt-4.1-2025-04-14, openai/gpt-4.1",
    "anthropic, claude-opus-4-20250514, anthropic/claude-opus-4",
    "anthropic, claude-opus-4-5-20251101, anthropic/claude-opus-4-5",
    "anthropic, claude-3-5-sonnet-latest, anthropic/claude-3-5-sonnet",
    "gcp.vertex_ai, claude-3-5-sonnet-v2@20241022, anthropic/claude-3-5-sonnet",
    "gcp.vertex_ai, claude-opus-4-1@20250805, anthropic/claude-opus-4-1",
    "gcp.vertex_ai, publishers/anthropic/models/claude-sonnet-4-5@20250929,"
        + " anthropic/claude-sonnet-4-5",
    "gcp.vertex_ai, projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro,"
        + " gcp.gemini/gemini-2.5-pro",
    "gcp.vertex_ai, gemini-2.0-flash-lite-001, gcp.gemini/gemini-2.0-flash-lite",
    "aws.bedrock, us.anthropic.claude-sonnet-4-20250514-v1:0, anthropic/claude-sonnet-4",
    "aws.bedrock, apac.anthropic.claude-3-5-sonnet-20241022-v2:0, anthropic/claude-3-5-sonnet",
    "aws.bedrock, amazon.titan-embed-text-v1, aws.bedrock/titan-embed-text-v1",
    "aws.bedrock, amazon.titan-embed-text-v2:0, aws.bedrock/titan-embed-text-v2",
    "aws.bedrock, mistral.mistral-7b-instruct-v0:2, aws.bedrock/mistral-7b-instruct",
    "aws.bedrock, openai.gpt-oss-120b-1:0, aws.bedrock/gpt-oss-120b",
    "aws.bedrock,"
        + " arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0,"
        + " anthropic/claude-3-haiku",
    "mistral_ai, mistral-large-2411, mistral_ai/mistral-large",
    "mistral_ai, mistral/magistral-medium-2509, mistral_ai/magistral-medium",
    "openai, openrouter/anthropic/claude-opus-4-1, anthropic/claude-opus-4-1",
  })
  void pricesSnapshotsProfilesAndProviderSpellingsByTheirOwnModel(
      String provider, String model, String key) {
    ModelPrice found = bundled.find(provider, model);

    assertThat(found).as("%s %s", provider, model).isNotNull();
    assertThat(found.key()).isEqualTo(key);
  }

  @Test
  void pricesTheModelsTheDemoAndIntegrationTestsCall() {
    assertThat(bundled.find("openai", "gpt-4o-mini-2024-07-18").key())
        .isEqualTo("openai/gpt-4o-mini");
    assertThat(bundled.find("openai", "gpt-4.1-2025-04-14").key()).isEqualTo("openai/gpt-4.1");
    assertThat(bundled.find("openai", "o4-mini-2025-04-16").key()).isEqualTo("openai/o4-mini");
    assertThat(bundled.find("openai", "gpt-4.1-mini").key()).isEqualTo("openai/gpt-4.1-mini");
    assertThat(bundled.find("anthropic", "claude-sonnet-4-5-20250929").key())
        .isEqualTo("anthropic/claude-sonnet-4-5");
    assertThat(bundled.find("anthropic", "claude-haiku-4-5").key())
        .isEqualTo("anthropic/claude-haiku-4-5");
    assertThat(bundled.find("aws.bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0").key())
        .isEqualTo("anthropic/claude-3-5-haiku");
    assertThat(bundled.find("aws.bedrock", "us.amazon.nova-micro-v1:0").key())
        .isEqualTo("aws.bedrock/nova-micro");
    assertThat(bundled.find("gcp.gemini", "gemini-2.5-flash").key())
        .isEqualTo("gcp.gemini/gemini-2.5-flash");
    assertThat(bundled.find("gcp.gemini", "gemini-embedding-001").key())
        .isEqualTo("gcp.gemini/gemini-embedding-001");
  }

  @Test
  void leavesIdsLongerThanTheBoundUnpricedWithoutReadingThem() {
    String longest = "gpt-4o-mini-" + repeat('x', PriceCatalog.MAX_ID_LENGTH - 12);
    String[] huge = {
      "gpt-4o-" + repeat('a', 64 * 1024),
      "gpt-4o-2024-08-06" + repeat('-', 128 * 1024),
      repeat('-', 128 * 1024) + "gpt-4o",
      repeat('/', 64 * 1024) + "gpt-4o"
    };

    assertThat(longest).hasSize(PriceCatalog.MAX_ID_LENGTH);
    assertThat(bundled.find("openai", longest)).isNull();
    assertThat(bundled.find("openai", "gpt-4o " + repeat(' ', 300))).isNull();
    for (String id : huge) {
      assertThat(bundled.find("openai", id)).isNull();
      assertThat(bundled.find(null, id)).isNull();
    }
    assertThat(bundled.find(repeat('p', 64 * 1024), "gpt-4o")).isNull();
  }

  @Test
  void remembersABoundedNumberOfAnswers() {
    PriceCatalog catalog = bundled.withOverrides(catalog()); // a copy with its own memory

    for (int i = 0; i < 100_000; i++) {
      catalog.find("openai", "gpt-4o-mini-" + i);
      assertThat(catalog.rememberedLookupCount()).isLessThanOrEqualTo(4096);
    }
    assertThat(catalog.find("openai", "gpt-4o-mini-2024-07-18").key())
        .isEqualTo("openai/gpt-4o-mini");
    assertThat(catalog.find("openai", "gpt-4o-mini-99999")).isNull();
  }

  @Test
  void readsRowAliasesAndStillReadsFilesWithoutTheColumn() {
    PriceCatalog withAliases =
        PriceCatalog.parse(
            new StringReader(
                PriceCsvReader.HEADER_WITH_ALIASES
                    + "\nacme,acme-large,1,2,,,,,,,,,acme-large-latest  acme-large-2501\n"
                    + "acme,acme-small,1,2,,,,,,,,,\n"),
            "aliases.csv");
    PriceCatalog without = catalog("acme,acme-large,1,2,,,,,,,,");

    assertThat(withAliases.entries().get(0).aliases())
        .isEqualTo(Arrays.asList("acme-large-latest", "acme-large-2501"));
    assertThat(withAliases.entries().get(1).aliases()).isEmpty();
    assertThat(withAliases.find("acme", "ACME-large-latest").key()).isEqualTo("acme/acme-large");
    assertThat(withAliases.find("acme", "acme-large-2501").key()).isEqualTo("acme/acme-large");
    assertThat(withAliases.find("acme", "acme-large-2502")).isNull();
    assertThat(without.entries().get(0).aliases()).isEmpty();
    assertThat(without.find("acme", "acme-large-latest")).isNull();
  }

  @Test
  void aRowsOwnNameWinsOverAnotherRowsAlias() {
    PriceCatalog catalog =
        PriceCatalog.parse(
            new StringReader(
                PriceCsvReader.HEADER_WITH_ALIASES
                    + "\nacme,acme-large,1,2,,,,,,,,,acme-large-2\n"
                    + "acme,acme-large-2,3,4,,,,,,,,,\n"),
            "aliases.csv");

    assertThat(catalog.find("acme", "acme-large-2").key()).isEqualTo("acme/acme-large-2");
  }

  @Test
  void rejectsAnAliasThatCouldNeverMatchOrIsListedTwice() {
    assertThatThrownBy(
            () ->
                PriceCatalog.parse(
                    new StringReader(
                        PriceCsvReader.HEADER_WITH_ALIASES
                            + "\nanthropic,claude-x,1,2,,,,,,,,,us.anthropic.claude-x\n"),
                    "bad.csv"))
        .isInstanceOf(PriceCatalogException.class)
        .hasMessage(
            "bad.csv:2: column 'aliases': 'us.anthropic.claude-x' would never match, as requests"
                + " are matched without their region and vendor prefixes; write 'claude-x'");
    assertThatThrownBy(
            () ->
                PriceCatalog.parse(
                    new StringReader(
                        PriceCsvReader.HEADER_WITH_ALIASES + "\nacme,m,1,2,,,,,,,,,m-1 m-1\n"),
                    "twice.csv"))
        .isInstanceOf(PriceCatalogException.class)
        .hasMessage("twice.csv:2: column 'aliases': 'm-1' is listed twice for m");
  }

  private static String repeat(char c, int times) {
    char[] chars = new char[times];
    Arrays.fill(chars, c);
    return new String(chars);
  }
}
