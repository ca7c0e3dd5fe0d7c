/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import static io.tokenmeter.pricing.TestCatalogs.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledWithOverridesTest {
  @TempDir Path dir;

  @Test
  void isTheBundledCatalogWithoutAnOverrideFile() throws IOException {
    assertThat(PriceCatalog.bundledWithOverrides(null)).isSameAs(PriceCatalog.bundled());
  }

  @Test
  void replacesBundledRowsAndAddsNewOnesFromTheOverrideFile() throws IOException {
    Path file =
        write(
            "overrides.csv",
            "openai,gpt-4o,1,2,,,,,,,,https://example.com/contract (2026-01-01)",
            "acme,acme-large,5,10,,,,,,,,https://example.com/acme (2026-01-01)");

    PriceCatalog catalog = PriceCatalog.bundledWithOverrides(file);

    assertThat(catalog.size()).isEqualTo(PriceCatalog.bundled().size() + 1);
    assertThat(catalog.find("openai", "gpt-4o").input()).isEqualByComparingTo("1");
    assertThat(catalog.find("openai", "gpt-4o").output()).isEqualByComparingTo("2");
    assertThat(catalog.find("acme", "acme-large").key()).isEqualTo("acme/acme-large");
    assertThat(PriceCatalog.bundled().find("openai", "gpt-4o").input())
        .isEqualByComparingTo("2.50");
  }

  @Test
  void namesTheFileAndLineOfABadRow() throws IOException {
    Path file = write("bad.csv", "openai,gpt-4o,cheap,2,,,,,,,,");

    assertThatThrownBy(() -> PriceCatalog.bundledWithOverrides(file))
        .isInstanceOf(PriceCatalogException.class)
        .hasMessageStartingWith("bad.csv:2: ");
  }

  @Test
  void failsOnAMissingFile() {
    Path missing = dir.resolve("missing.csv");

    assertThatThrownBy(() -> PriceCatalog.bundledWithOverrides(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing.toString());
  }

  private Path write(String name, String... rows) throws IOException {
    return Files.write(dir.resolve(name), csv(rows).getBytes(StandardCharsets.UTF_8));
  }
}
