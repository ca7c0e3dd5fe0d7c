/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads and validates the rows of a {@code prices.csv} file. */
final class PriceCsvReader {
  static final String HEADER =
      "provider,model,input,output,cache_read,cache_write,reasoning,"
          + "long_context_threshold,input_long,output_long,cache_read_long,source";

  /** The header of a catalog whose rows may name aliases; files with {@link #HEADER} still read. */
  static final String HEADER_WITH_ALIASES = HEADER + ",aliases";

  private final int pricedColumns = HEADER.split(",").length;
  private int columnCount;

  private static final List<String> NO_ALIASES = Collections.emptyList();

  private final String sourceName;
  private int lineNumber;

  private PriceCsvReader(String sourceName) {
    this.sourceName = sourceName;
  }

  static List<ModelPrice> read(Reader csv, String sourceName) throws IOException {
    return new PriceCsvReader(sourceName).readAll(new BufferedReader(csv));
  }

  private List<ModelPrice> readAll(BufferedReader lines) throws IOException {
    List<ModelPrice> rows = new ArrayList<>();
    Map<String, Integer> firstLineByKey = new HashMap<>();
    boolean headerSeen = false;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      List<String> fields = split(line);
      if (!headerSeen) {
        checkHeader(fields);
        headerSeen = true;
        continue;
      }
      ModelPrice row = toRow(fields);
      Integer first = firstLineByKey.put(row.key(), lineNumber);
      if (first != null) {
        throw fail("duplicate row for " + row.key() + " (first at line " + first + ")");
      }
      rows.add(row);
    }
    if (!headerSeen) {
      throw new PriceCatalogException(
          sourceName, Math.max(1, lineNumber), "missing header row '" + HEADER + "'");
    }
    return rows;
  }

  private void checkHeader(List<String> fields) {
    StringBuilder header = new StringBuilder();
    for (String field : fields) {
      header.append(header.length() == 0 ? "" : ",").append(field.toLowerCase(Locale.ROOT));
    }
    if (header.toString().equals(HEADER)) {
      columnCount = pricedColumns;
    } else if (header.toString().equals(HEADER_WITH_ALIASES)) {
      columnCount = pricedColumns + 1;
    } else {
      throw fail(
          "header must be '"
              + HEADER
              + "', optionally followed by ',aliases', but is '"
              + header
              + "'");
    }
  }

  private ModelPrice toRow(List<String> fields) {
    if (fields.size() != columnCount) {
      throw fail("expected " + columnCount + " columns but found " + fields.size());
    }
    String provider = provider(fields.get(0));
    String model = modelName(fields.get(1), "model");
    BigDecimal input = price(fields, 2, "input", true);
    BigDecimal output = price(fields, 3, "output", true);
    BigDecimal cacheRead = price(fields, 4, "cache_read", false);
    BigDecimal cacheWrite = price(fields, 5, "cache_write", false);
    BigDecimal reasoning = price(fields, 6, "reasoning", false);
    long threshold = threshold(fields.get(7));
    BigDecimal inputLong = price(fields, 8, "input_long", false);
    BigDecimal outputLong = price(fields, 9, "output_long", false);
    BigDecimal cacheReadLong = price(fields, 10, "cache_read_long", false);
    checkLongContext(threshold, inputLong, outputLong, cacheReadLong);
    String source = fields.get(11).isEmpty() ? sourceName + ':' + lineNumber : fields.get(11);
    return new ModelPrice(
        provider,
        model,
        source,
        input,
        output,
        cacheRead,
        cacheWrite,
        reasoning,
        threshold,
        inputLong,
        outputLong,
        cacheReadLong,
        fields.size() > pricedColumns ? aliases(fields.get(pricedColumns), model) : NO_ALIASES);
  }

  /** Reads the space-separated aliases of {@code model}; each must be a name a request can have. */
  private List<String> aliases(String field, String model) {
    List<String> aliases = new ArrayList<>();
    for (String alias : field.trim().split("\\s+")) {
      if (alias.isEmpty()) {
        continue;
      }
      String name = modelName(alias, "aliases");
      if (name.equals(model) || aliases.contains(name)) {
        throw fail("column 'aliases': '" + alias + "' is listed twice for " + model);
      }
      aliases.add(name);
    }
    return aliases;
  }

  private String provider(String field) {
    if (field.isEmpty()) {
      throw fail("column 'provider' is empty");
    }
    if (!isPlainName(field)) {
      throw fail("column 'provider': '" + field + "' must not contain spaces or '/'");
    }
    return ProviderFamily.canonical(field);
  }

  private String modelName(String field, String column) {
    if (field.isEmpty()) {
      throw fail("column '" + column + "' is empty");
    }
    if (!isPlainName(field)) {
      throw fail("column '" + column + "': '" + field + "' must not contain spaces or '/'");
    }
    String model = field.toLowerCase(Locale.ROOT);
    String matchedAs = ModelName.parse(model).name();
    if (!matchedAs.equals(model)) {
      throw fail(
          "column '"
              + column
              + "': '"
              + field
              + "' would never match, as requests are matched without their region and vendor"
              + " prefixes; write '"
              + matchedAs
              + "'");
    }
    return model;
  }

  private static boolean isPlainName(String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (Character.isWhitespace(c) || c == '/') {
        return false;
      }
    }
    return true;
  }

  private BigDecimal price(List<String> fields, int index, String column, boolean required) {
    String field = fields.get(index);
    if (field.isEmpty()) {
      if (required) {
        throw fail("column '" + column + "' is empty");
      }
      return null;
    }
    BigDecimal price;
    try {
      price = new BigDecimal(field);
    } catch (NumberFormatException e) {
      throw fail("column '" + column + "': '" + field + "' is not a decimal number");
    }
    if (price.signum() < 0) {
      throw fail("column '" + column + "': '" + field + "' is negative");
    }
    return price;
  }

  private long threshold(String field) {
    if (field.isEmpty()) {
      return 0;
    }
    long threshold;
    try {
      threshold = Long.parseLong(field);
    } catch (NumberFormatException e) {
      throw fail("column 'long_context_threshold': '" + field + "' is not a whole number");
    }
    if (threshold <= 0) {
      throw fail("column 'long_context_threshold': '" + field + "' must be greater than 0");
    }
    return threshold;
  }

  private void checkLongContext(
      long threshold, BigDecimal inputLong, BigDecimal outputLong, BigDecimal cacheReadLong) {
    if (threshold > 0 && (inputLong == null || outputLong == null)) {
      throw fail("long_context_threshold is given, so input_long and output_long are required");
    }
    if (threshold == 0 && (inputLong != null || outputLong != null || cacheReadLong != null)) {
      throw fail("long-context prices are given without long_context_threshold");
    }
  }

  /** Splits one CSV line; fields may be double-quoted, with {@code ""} for a quote inside. */
  private List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      StringBuilder field = new StringBuilder();
      if (i < line.length() && line.charAt(i) == '"') {
        i = readQuoted(line, i + 1, field);
        while (i < line.length() && line.charAt(i) == ' ') {
          i++;
        }
        if (i < line.length() && line.charAt(i) != ',') {
          throw fail("unexpected text after the closing quote of column " + (fields.size() + 1));
        }
        fields.add(field.toString());
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? line.length() : comma;
        fields.add(line.substring(i, end).trim());
        i = end;
      }
      if (i >= line.length()) {
        return fields;
      }
      i++; // the comma
    }
  }

  private int readQuoted(String line, int start, StringBuilder field) {
    for (int i = start; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != '"') {
        field.append(c);
      } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else {
        return i + 1;
      }
    }
    throw fail("unterminated quoted field (quoted fields cannot span lines)");
  }

  private PriceCatalogException fail(String problem) {
    return new PriceCatalogException(sourceName, lineNumber, problem);
  }
}
