/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import java.io.StringReader;

/** Builds small catalogs for tests from CSV rows written under the standard header. */
final class TestCatalogs {
  private TestCatalogs() {}

  static PriceCatalog namedCatalog(String sourceName, String... rows) {
    return PriceCatalog.parse(new StringReader(csv(rows)), sourceName);
  }

  static PriceCatalog catalog(String... rows) {
    return namedCatalog("test.csv", rows);
  }

  static String csv(String... rows) {
    StringBuilder csv = new StringBuilder(PriceCsvReader.HEADER).append('\n');
    for (String row : rows) {
      csv.append(row).append('\n');
    }
    return csv.toString();
  }

  static ModelPrice row(String... csvRow) {
    return catalog(csvRow).entries().get(0);
  }
}
