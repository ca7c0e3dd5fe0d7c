/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelIdCorpusTest {
  private static final String UNPRICED = "unpriced";

  private final PriceCatalog bundled = PriceCatalog.bundled();

  @Test
  void pricesEveryIdOfTheCorpusByTheRowOfItsOwnModelOrNotAtAll() throws IOException {
    List<String[]> corpus = corpus();
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String> actual = new LinkedHashMap<>();
    for (String[] entry : corpus) {
      String provider = entry[0].isEmpty() ? null : entry[0];
      ModelPrice found = bundled.find(provider, entry[1]);
      String id = entry[0] + " " + entry[1];
      expected.put(id, entry[2]);
      actual.put(id, found == null ? UNPRICED : found.key());
    }

    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  @Test
  void coversEveryProviderWithPricedAndUnpricedIds() throws IOException {
    List<String[]> corpus = corpus();
    long priced = corpus.stream().filter(entry -> !entry[2].equals(UNPRICED)).count();

    assertThat(corpus.size()).isGreaterThanOrEqualTo(150);
    assertThat(priced).isGreaterThanOrEqualTo(150);
    assertThat(corpus.size() - priced).isGreaterThanOrEqualTo(150);
    assertThat(corpus.stream().map(entry -> entry[0]).distinct())
        .contains(
            "openai",
            "azure.ai.openai",
            "anthropic",
            "aws.bedrock",
            "gcp.gemini",
            "gcp.vertex_ai",
            "mistral_ai",
            "xai",
            "deepseek",
            "");
  }

  @Test
  void namesOnlyRowsTheCatalogHas() throws IOException {
    List<String> keys = new ArrayList<>();
    for (ModelPrice row : bundled.entries()) {
      keys.add(row.key());
    }

    for (String[] entry : corpus()) {
      if (!entry[2].equals(UNPRICED)) {
        assertThat(keys).as("row of %s", entry[1]).contains(entry[2]);
      }
    }
  }

  private static List<String[]> corpus() throws IOException {
    List<String[]> entries = new ArrayList<>();
    InputStream in = ModelIdCorpusTest.class.getResourceAsStream("model-id-corpus.csv");
    assertThat(in).as("model-id-corpus.csv").isNotNull();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      boolean header = true;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          assertThat(line).isEqualTo("provider,model,expected");
          header = false;
          continue;
        }
        String[] fields = line.split(",", -1);
        assertThat(fields).as(line).hasSize(3);
        entries.add(fields);
      }
    }
    return entries;
  }
}
