/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the attribute values that repeat across spans (services, providers, models, operations,
 * agents) to one shared {@code String} per value, so a span costs no new string for them, and the
 * maps they key (series handles, price lookups) find a string whose hash is already computed and
 * compare it by reference. Process-wide and bounded: a fixed table where a new value replaces the
 * one in its slot. Entries are immutable, so threads share the table without locks. Only valid
 * UTF-8 is kept, so finding a value here also proves its bytes valid.
 */
final class TextCache {
  private static final int SLOTS = 1024;
  private static final int MAX_LENGTH = 256;
  private static final Entry[] TABLE = new Entry[SLOTS];

  private TextCache() {}

  /**
   * Returns the string whose UTF-8 encoding is {@code utf8[from, from + length)}, or null when
   * those bytes are not valid UTF-8; only valid values are kept, so a hit needs no check.
   */
  static String text(byte[] utf8, int from, int length) {
    if (length > MAX_LENGTH) {
      return TraceRequestReader.isUtf8(utf8, from, length)
          ? new String(utf8, from, length, StandardCharsets.UTF_8)
          : null;
    }
    int h = 1;
    for (int i = from, end = from + length; i < end; i++) {
      h = 31 * h + utf8[i];
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    Entry e = TABLE[slot];
    if (e != null && Arrays.equals(e.utf8, 0, e.utf8.length, utf8, from, from + length)) {
      return e.text;
    }
    if (!TraceRequestReader.isUtf8(utf8, from, length)) {
      return null;
    }
    String text = new String(utf8, from, length, StandardCharsets.UTF_8);
    TABLE[slot] = new Entry(Arrays.copyOfRange(utf8, from, from + length), text);
    return text;
  }

  private record Entry(byte[] utf8, String text) {}
}
