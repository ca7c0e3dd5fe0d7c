/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.processor.config.ConfigLoader;
import io.tokenmeter.processor.config.ProcessorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricingOverrideTest {
  private static final String HEADER =
      "provider,model,input,output,cache_read,cache_write,reasoning,long_context_threshold,"
          + "input_long,output_long,cache_read_long,source\n";

  @TempDir Path dir;

  @Test
  void theOverrideFileAddsAndReplacesRows() throws Exception {
    Path csv = dir.resolve("prices.csv");
    Files.writeString(
        csv,
        HEADER
            + "acme,acme-llm-1,1.00,2.00,,,,,,,,internal rate card (2026-01-01)\n"
            + "openai,gpt-4o,1.00,1.00,,,,,,,,negotiated (2026-01-01)\n");
    ProcessorConfig config = ConfigLoader.fromValues(Map.of("pricing.file", csv.toString()));
    PriceCatalog catalog = PriceCatalog.bundledWithOverrides(config.pricing().overrideFile());
    assertThat(catalog.find("acme", "acme-llm-1").input()).isEqualByComparingTo("1.00");
    assertThat(catalog.find("openai", "gpt-4o").output()).isEqualByComparingTo("1.00");
    assertThat(catalog.find("openai", "gpt-4o-mini")).isNotNull();
  }

  @Test
  void aBrokenOverrideFileFailsAtStartupNamingTheFile() throws Exception {
    Path csv = dir.resolve("broken.csv");
    Files.writeString(csv, HEADER + "acme,acme-llm-1,cheap,2.00,,,,,,,,x\n");
    ProcessorConfig config = ConfigLoader.fromValues(Map.of("pricing.file", csv.toString()));
    assertThatThrownBy(() -> PriceCatalog.bundledWithOverrides(config.pricing().overrideFile()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.csv");
  }
}
