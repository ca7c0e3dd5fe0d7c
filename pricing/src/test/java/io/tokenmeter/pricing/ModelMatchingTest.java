/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import static io.tokenmeter.pricing.TestCatalogs.catalog;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelMatchingTest {
  private final PriceCatalog bundled = PriceCatalog.bundled();

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "openai, gpt-4o-mini, openai/gpt-4o-mini",
        "openai, gpt-4o-mini-2024-07-18, openai/gpt-4o-mini",
        "openai, gpt-4o-2024-08-06, openai/gpt-4o",
        "openai, gpt-4o-2024-05-13, openai/gpt-4o-2024-05-13",
        "openai, '  GPT-4o  ', openai/gpt-4o",
        "openai, openai/gpt-4o, openai/gpt-4o",
        "openai, gpt-4.1-mini-2025-04-14, openai/gpt-4.1-mini",
        "openai, gpt-5.1-2025-11-13, openai/gpt-5.1",
        "openai, gpt-5-2025-08-07, openai/gpt-5",
        "openai, o3-mini-2025-01-31, openai/o3-mini",
        "openai, gpt-4-turbo-2024-04-09, openai/gpt-4-turbo",
        "openai, text-embedding-3-small, openai/text-embedding-3-small",
        "azure.ai.openai, gpt-4o, openai/gpt-4o",
        "az.ai.openai, gpt-4.1-nano, openai/gpt-4.1-nano",
        "anthropic, claude-sonnet-4-5-20250929, anthropic/claude-sonnet-4-5",
        "anthropic, claude-sonnet-4-20250514, anthropic/claude-sonnet-4",
        "anthropic, claude-sonnet-4-0, anthropic/claude-sonnet-4",
        "anthropic, claude-opus-4-1-20250805, anthropic/claude-opus-4-1",
        "anthropic, claude-3-5-haiku-latest, anthropic/claude-3-5-haiku",
        "aws.bedrock, us.anthropic.claude-3-5-haiku-20241022-v1:0, anthropic/claude-3-5-haiku",
        "aws.bedrock, global.anthropic.claude-sonnet-4-5-20250929-v1:0,"
            + " anthropic/claude-sonnet-4-5",
        "aws.bedrock, anthropic.claude-3-haiku-20240307-v1:0, anthropic/claude-3-haiku",
        "aws.bedrock, us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0,"
            + " anthropic/claude-3-5-sonnet",
        "aws.bedrock, amazon.nova-pro-v1:0, aws.bedrock/nova-pro",
        "aws.bedrock, apac.amazon.nova-lite-v1:0, aws.bedrock/nova-lite",
        "aws.bedrock, amazon.titan-embed-text-v2:0, aws.bedrock/titan-embed-text-v2",
        "aws.bedrock, meta.llama3-3-70b-instruct-v1:0, aws.bedrock/llama3-3-70b-instruct",
        "aws.bedrock, us.meta.llama3-1-8b-instruct-v1:0, aws.bedrock/llama3-1-8b-instruct",
        "aws.bedrock, mistral.mistral-large-2402-v1:0, aws.bedrock/mistral-large-2402",
        "aws.bedrock, mistral.mistral-large-2407-v1:0, mistral_ai/mistral-large",
        "aws_bedrock, nova-micro-v1:0, aws.bedrock/nova-micro",
        "gcp.vertex_ai, claude-3-5-haiku@20241022, anthropic/claude-3-5-haiku",
        "gcp.vertex_ai, claude-sonnet-4-5@20250929, anthropic/claude-sonnet-4-5",
        "gcp.vertex_ai, gemini-2.5-pro, gcp.gemini/gemini-2.5-pro",
        "vertex_ai, publishers/google/models/gemini-2.0-flash-001, gcp.gemini/gemini-2.0-flash",
        "gcp.gen_ai, gemini-2.5-flash-lite-preview-06-17, gcp.gemini/gemini-2.5-flash-lite",
        "gcp.gemini, models/gemini-2.5-flash, gcp.gemini/gemini-2.5-flash",
        "mistral_ai, mistral-large-2411, mistral_ai/mistral-large",
        "mistralai, open-mistral-nemo-2407, mistral_ai/open-mistral-nemo",
        "mistral_ai, ministral-8b-2410, mistral_ai/ministral-8b",
        "null, gpt-4o-mini, openai/gpt-4o-mini",
        "null, claude-3-7-sonnet-20250219, anthropic/claude-3-7-sonnet",
        "null, us.amazon.nova-pro-v1:0, aws.bedrock/nova-pro",
        "'', gemini-2.5-pro, gcp.gemini/gemini-2.5-pro",
        "my-gateway, anthropic/claude-haiku-4-5, anthropic/claude-haiku-4-5",
        "openai, anthropic/claude-haiku-4-5-20251001, anthropic/claude-haiku-4-5",
        "null, google/gemini-2.5-pro, gcp.gemini/gemini-2.5-pro",
      })
  void matchesModelNamesToCatalogRows(String provider, String model, String key) {
    ModelPrice found = bundled.find(provider, model);

    assertThat(found).as("%s %s", provider, model).isNotNull();
    assertThat(found.key()).isEqualTo(key);
  }

  @ParameterizedTest(name = "{0} {1} -> no price")
  @CsvSource(
      nullValues = "null",
      value = {
        "openai, gpt-4o-minix",
        "openai, gpt-4ox",
        "openai, gpt-5-nano2",
        "openai, my-fine-tune",
        "openai, claude-sonnet-4-5",
        "anthropic, gpt-4o",
        "anthropic, claude-opus-41",
        "mistral_ai, mistral-large2",
        "aws.bedrock, anthropic.claude-v2:1",
        "aws.bedrock, meta.llama3-1-405b-instruct-v1:0",
        "null, unknown-model",
        "null, ''",
        "null, '   '",
        "gcp.gemini, models/",
        "gemini, gemini-2.5-flash-preview-05-20",
        "mistral_ai, mistral-large-latest",
      })
  void neverGuessesAPriceForAnUnknownModel(String provider, String model) {
    assertThat(bundled.find(provider, model)).isNull();
  }

  @Test
  void readsTheModelIdAtTheEndOfABedrockInferenceProfileArn() {
    String arn =
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
            + "eu.anthropic.claude-3-7-sonnet-20250219-v1:0";

    assertThat(bundled.find("aws.bedrock", arn).key()).isEqualTo("anthropic/claude-3-7-sonnet");
  }

  @Test
  void findsNothingForANullModel() {
    assertThat(bundled.find("openai", null)).isNull();
  }

  @Test
  void prefersTheDefaultProviderOrderWhenTheProviderIsUnknown() {
    PriceCatalog catalog =
        catalog(
            "mistral_ai,shared-model,3,3,,,,,,,,",
            "aws.bedrock,shared-model,4,4,,,,,,,,",
            "openai,shared-model,1,1,,,,,,,,",
            "acme,shared-model,5,5,,,,,,,,");

    assertThat(catalog.find(null, "shared-model").key()).isEqualTo("openai/shared-model");
    assertThat(catalog.find("groq", "shared-model-2025-01-31").key())
        .isEqualTo("openai/shared-model");
    assertThat(catalog.find("acme", "shared-model").key()).isEqualTo("acme/shared-model");
  }

  @Test
  void prefersTheExactNameOverItsUndatedFormFromAnEarlierProvider() {
    PriceCatalog catalog =
        catalog("openai,model-pro,1,1,,,,,,,,", "acme,model-pro-2025-06-01,2,2,,,,,,,,");

    assertThat(catalog.find(null, "model-pro-2025-06-01").key())
        .isEqualTo("acme/model-pro-2025-06-01");
    assertThat(catalog.find(null, "model-pro-2025-07-01").key()).isEqualTo("openai/model-pro");
  }

  @Test
  void prefersBedrockRowsOverTheVendorsRowsForBedrockCalls() {
    PriceCatalog catalog =
        bundled.withOverrides(catalog("aws.bedrock,claude-sonnet-4-5,3.30,16.50,,,,,,,,"));

    assertThat(catalog.find("aws.bedrock", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0").key())
        .isEqualTo("aws.bedrock/claude-sonnet-4-5");
    assertThat(catalog.find("anthropic", "claude-sonnet-4-5-20250929").key())
        .isEqualTo("anthropic/claude-sonnet-4-5");
  }

  @Test
  void prefersAzureRowsOverOpenAiRowsForAzureCalls() {
    PriceCatalog catalog = bundled.withOverrides(catalog("az.ai.openai,gpt-4o,2.75,11,,,,,,,,"));

    assertThat(catalog.find("azure.ai.openai", "gpt-4o-2024-11-20").key())
        .isEqualTo("azure.ai.openai/gpt-4o");
    assertThat(catalog.find("azure.ai.openai", "gpt-4o-mini").key())
        .isEqualTo("openai/gpt-4o-mini");
    assertThat(catalog.find("openai", "gpt-4o").key()).isEqualTo("openai/gpt-4o");
  }

  @Test
  void returnsTheSameAnswerWhenAskedAgain() {
    ModelPrice first = bundled.find("openai", "gpt-4o-2024-08-06");

    assertThat(bundled.find("openai", "gpt-4o-2024-08-06")).isSameAs(first);
    assertThat(bundled.find("openai", "gpt-4o-minix")).isNull();
    assertThat(bundled.find("openai", "gpt-4o-minix")).isNull();
  }
}
