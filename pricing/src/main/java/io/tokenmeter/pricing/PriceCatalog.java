/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable set of model prices that resolves a provider and a requested model name to the row
 * that prices it.
 *
 * <p>Matching: the model name is trimmed and lower-cased, and provider prefixes ({@code
 * openai/gpt-4o}, {@code models/gemini-2.5-pro}) and Bedrock region and vendor prefixes ({@code
 * us.anthropic.}) are removed. A row whose name equals the result matches; otherwise the longest
 * row name that is a prefix of it matches, but only when the next character is {@code -}, {@code
 * .}, {@code :} or {@code @}. When that longest prefix does not end at such a boundary, nothing
 * matches: {@code gpt-4o-minix} is an unknown model, not a {@code gpt-4o}.
 *
 * <p>Providers: only the rows of the provider's family are searched ({@code azure.ai.openai} is
 * priced by {@code openai} rows, {@code gcp.vertex_ai} by {@code gcp.gemini}, {@code anthropic} and
 * {@code mistral_ai} rows, {@code aws.bedrock} by its own rows and those of the vendor in the model
 * id). An unknown or null provider searches all rows. A better name match always wins; among equal
 * matches the earlier provider wins, in the family's order or else in the order {@code openai},
 * {@code anthropic}, {@code gcp.gemini}, {@code mistral_ai}, {@code aws.bedrock}, then other
 * providers alphabetically.
 */
public final class PriceCatalog {
  private static final String BUNDLED_NAME = "prices.csv";
  // Bounds the memory that arbitrary model names in spans can take; past it, lookups just match.
  private static final int MAX_REMEMBERED_LOOKUPS = 4096;
  private static final Object NO_MATCH = new Object();

  private final List<ModelPrice> entries;
  private final Map<String, Map<String, ModelPrice>> rowsByProvider = new HashMap<>();
  private final List<String> providersInOrder;
  private final Map<String, Object> rememberedLookups = new ConcurrentHashMap<>();

  private PriceCatalog(List<ModelPrice> entries) {
    this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    for (ModelPrice row : entries) {
      Map<String, ModelPrice> rows = rowsByProvider.get(row.provider());
      if (rows == null) {
        rows = new HashMap<>();
        rowsByProvider.put(row.provider(), rows);
      }
      rows.put(row.model(), row);
    }
    this.providersInOrder = ProviderFamily.inDefaultOrder(rowsByProvider.keySet());
  }

  /** Returns the catalog bundled with Tokenmeter, read once. */
  public static PriceCatalog bundled() {
    return Bundled.CATALOG;
  }

  /**
   * Returns the catalog in the given CSV, naming {@code sourceName} in any PriceCatalogException.
   */
  public static PriceCatalog parse(Reader csv, String sourceName) {
    try {
      return new PriceCatalog(PriceCsvReader.read(csv, sourceName));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName, e);
    }
  }

  /**
   * Returns the catalog in the given UTF-8 CSV file, naming the file in any PriceCatalogException.
   */
  public static PriceCatalog load(Path file) throws IOException {
    try (Reader csv = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new PriceCatalog(PriceCsvReader.read(csv, String.valueOf(file.getFileName())));
    }
  }

  /**
   * Returns the bundled catalog with the rows of the UTF-8 CSV {@code overrideFile} replacing or
   * extending it, or the bundled catalog alone when {@code overrideFile} is null.
   *
   * @throws IOException when the file cannot be read
   * @throws PriceCatalogException when a row is invalid, naming the file and line
   */
  public static PriceCatalog bundledWithOverrides(Path overrideFile) throws IOException {
    PriceCatalog bundled = bundled();
    return overrideFile == null ? bundled : bundled.withOverrides(load(overrideFile));
  }

  /**
   * Returns this catalog with each row of {@code overrides} replacing the row of the same provider
   * and model, or added when there is none.
   */
  public PriceCatalog withOverrides(PriceCatalog overrides) {
    Map<String, ModelPrice> byKey = new LinkedHashMap<>();
    for (ModelPrice row : entries) {
      byKey.put(row.key(), row);
    }
    for (ModelPrice row : overrides.entries) {
      byKey.put(row.key(), row);
    }
    return new PriceCatalog(new ArrayList<>(byKey.values()));
  }

  /**
   * Returns the row that prices {@code model} when called through {@code provider} (which may be
   * null), or null when no row matches.
   */
  public ModelPrice find(String provider, String model) {
    if (model == null) {
      return null;
    }
    String lookup = provider == null ? "\n" + model : provider + '\n' + model;
    Object remembered = rememberedLookups.get(lookup);
    if (remembered != null) {
      return remembered == NO_MATCH ? null : (ModelPrice) remembered;
    }
    ModelPrice found = match(provider, model);
    if (rememberedLookups.size() < MAX_REMEMBERED_LOOKUPS) {
      rememberedLookups.put(lookup, found == null ? NO_MATCH : found);
    }
    return found;
  }

  private ModelPrice match(String provider, String model) {
    ModelName requested = ModelName.parse(model);
    String name = requested.name();
    List<String> providers =
        ProviderFamily.searchOrder(provider, requested.vendor(), providersInOrder);
    for (int end = name.length(); end > 0; end--) {
      ModelPrice row = firstRow(providers, end == name.length() ? name : name.substring(0, end));
      if (row != null) {
        return end == name.length() || isBoundary(name.charAt(end)) ? row : null;
      }
    }
    return null;
  }

  private ModelPrice firstRow(List<String> providers, String model) {
    for (String provider : providers) {
      Map<String, ModelPrice> rows = rowsByProvider.get(provider);
      ModelPrice row = rows == null ? null : rows.get(model);
      if (row != null) {
        return row;
      }
    }
    return null;
  }

  private static boolean isBoundary(char c) {
    return c == '-' || c == '.' || c == ':' || c == '@';
  }

  /** Returns the rows in file order, overridden rows in place and added rows last. */
  public List<ModelPrice> entries() {
    return entries;
  }

  /** Returns the number of rows. */
  public int size() {
    return entries.size();
  }

  @Override
  public String toString() {
    return "PriceCatalog{" + entries.size() + " rows}";
  }

  private static final class Bundled {
    static final PriceCatalog CATALOG = read();

    private static PriceCatalog read() {
      InputStream in = PriceCatalog.class.getResourceAsStream(BUNDLED_NAME);
      if (in == null) {
        throw new IllegalStateException(BUNDLED_NAME + " is missing next to " + PriceCatalog.class);
      }
      try (Reader csv = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return parse(csv, BUNDLED_NAME);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled " + BUNDLED_NAME, e);
      }
    }
  }
}
