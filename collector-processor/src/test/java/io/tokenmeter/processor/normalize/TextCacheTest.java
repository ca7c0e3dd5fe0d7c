/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextCacheTest {
  private static String text(String s) {
    byte[] utf8 = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
    return TextCache.text(utf8, 2, utf8.length - 4);
  }

  @Test
  void givesTheSameInstanceForARepeatedValue() {
    String first = text("gpt-4o-mini");
    assertThat(first).isEqualTo("gpt-4o-mini");
    assertThat(text("gpt-4o-mini")).isSameAs(first);
  }

  @Test
  void alwaysDecodesTheRightText() {
    for (int i = 0; i < 10_000; i++) {
      String s = "model-" + i + (i % 7 == 0 ? "-été" : "");
      assertThat(text(s)).isEqualTo(s);
      assertThat(text(s)).isEqualTo(s);
    }
    assertThat(text("")).isEmpty();
    assertThat(text("m".repeat(1000))).hasSize(1000);
  }

  @Test
  void keepsNoInvalidUtf8() {
    byte[] invalid = {'m', (byte) 0xC0, (byte) 0x80};
    assertThat(TextCache.text(invalid, 0, invalid.length)).isNull();
    assertThat(TextCache.text(invalid, 0, invalid.length)).isNull();
    assertThat(TextCache.text(invalid, 0, 1)).isEqualTo("m");
  }
}
