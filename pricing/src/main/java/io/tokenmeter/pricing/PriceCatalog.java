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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable set of model prices that resolves a provider and a requested model id to the row
 * that prices it, or to none.
 *
 * <p>Resolution is strict: a model id is priced only by the row of that same model, never by a row
 * whose name merely starts the id. The id is trimmed and lower-cased, and provider spellings are
 * removed: a path before the last {@code /} ({@code openai/gpt-4o}, {@code models/gemini-2.5-pro},
 * {@code publishers/google/models/…}, a Bedrock ARN), and Bedrock region and vendor prefixes
 * ({@code us.anthropic.}). The rest is priced by the row whose name or alias equals it, else, for a
 * Bedrock id, by the row of the id without its model version ({@code :0}, then {@code -v1:0}), else
 * by the row of that id without a full snapshot date ({@code -2024-08-06}, {@code -20250514},
 * {@code @20250929}). Nothing else is removed: {@code gpt-3.5-turbo-1106}, {@code
 * mistral-large-2512} and {@code gpt-5.4-pro} are not priced by {@code gpt-3.5-turbo}, {@code
 * mistral-large} or {@code gpt-5}. Ids longer than {@value #MAX_ID_LENGTH} characters are unpriced
 * without being read.
 *
 * <p>Providers: only the rows of the provider's family are searched ({@code azure.ai.openai} is
 * priced by {@code openai} rows, {@code gcp.vertex_ai} by {@code gcp.gemini}, {@code anthropic} and
 * {@code mistral_ai} rows, {@code aws.bedrock} by its own rows and those of the vendor in the model
 * id). An unknown or null provider searches all rows. A more specific name always wins (the id
 * itself before the id without its date); among rows of equal names the earlier provider wins, in
 * the family's order or else in the order {@code openai}, {@code anthropic}, {@code gcp.gemini},
 * {@code mistral_ai}, {@code aws.bedrock}, then other providers alphabetically.
 *
 * <p>Answers are remembered per distinct provider and id, up to {@value #MAX_REMEMBERED_LOOKUPS} of
 * them; when that many are remembered they are forgotten at once and remembered anew, so arbitrary
 * ids in spans cannot grow memory. Thread-safe.
 */
public final class PriceCatalog {
  /** Model ids and provider names longer than this are unpriced without being read. */
  public static final int MAX_ID_LENGTH = 256;

  private static final String BUNDLED_NAME = "prices.csv";
  private static final int MAX_REMEMBERED_LOOKUPS = 4096;
  private static final Object NO_MATCH = new Object();

  private final List<ModelPrice> entries;
  // Per provider, each row's model name and aliases to the row; a row's own name beats an alias.
  private final Map<String, Map<String, ModelPrice>> rowsByProvider = new HashMap<>();
  private final List<String> providersInOrder;
  // Per provider ("" for none), each model id asked for to its row or NO_MATCH.
  private final ConcurrentHashMap<String, Map<String, Object>> rememberedLookups =
      new ConcurrentHashMap<>();
  private final AtomicInteger rememberedCount = new AtomicInteger();

  private PriceCatalog(List<ModelPrice> entries) {
    this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    for (ModelPrice row : entries) {
      for (String alias : row.aliases()) {
        rowsOf(row.provider()).put(alias, row);
      }
    }
    for (ModelPrice row : entries) {
      rowsOf(row.provider()).put(row.model(), row);
    }
    this.providersInOrder = ProviderFamily.inDefaultOrder(rowsByProvider.keySet());
  }

  private Map<String, ModelPrice> rowsOf(String provider) {
    Map<String, ModelPrice> rows = rowsByProvider.get(provider);
    if (rows == null) {
      rows = new HashMap<>();
      rowsByProvider.put(provider, rows);
    }
    return rows;
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
   * null), or null when no row prices that model.
   */
  public ModelPrice find(String provider, String model) {
    if (model == null
        || model.length() > MAX_ID_LENGTH
        || (provider != null && provider.length() > MAX_ID_LENGTH)) {
      return null;
    }
    Map<String, Object> byModel = rememberedLookups.get(provider == null ? "" : provider);
    Object remembered = byModel == null ? null : byModel.get(model);
    if (remembered != null) {
      return remembered == NO_MATCH ? null : (ModelPrice) remembered;
    }
    ModelPrice found = resolve(provider, model);
    remember(provider == null ? "" : provider, model, found == null ? NO_MATCH : found);
    return found;
  }

  private void remember(String provider, String model, Object answer) {
    if (rememberedCount.incrementAndGet() > MAX_REMEMBERED_LOOKUPS) {
      rememberedLookups.clear();
      rememberedCount.set(1);
    }
    // Only a miss gets here; a racing clear() at worst forgets this answer or keeps one uncounted.
    rememberedLookups
        .computeIfAbsent(provider, p -> new ConcurrentHashMap<String, Object>())
        .put(model, answer);
  }

  /** The number of answers remembered now; never much above {@code MAX_REMEMBERED_LOOKUPS}. */
  int rememberedLookupCount() {
    int count = 0;
    for (Map<String, Object> byModel : rememberedLookups.values()) {
      count += byModel.size();
    }
    return count;
  }

  private ModelPrice resolve(String provider, String model) {
    ModelName requested = ModelName.parse(model);
    List<String> providers =
        ProviderFamily.searchOrder(provider, requested.vendor(), providersInOrder);
    boolean throughBedrock =
        provider != null && ProviderFamily.canonical(provider).equals(ProviderFamily.BEDROCK);
    for (String name : requested.candidates(throughBedrock)) {
      ModelPrice row = firstRow(providers, name);
      if (row != null) {
        return row;
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
