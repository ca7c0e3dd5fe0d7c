/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.jvm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads complete lines from a file another process is still appending to. */
final class LineTail implements AutoCloseable {
  private final Path file;
  private InputStream in;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  LineTail(Path file) {
    this.file = file;
  }

  /** Returns the next complete line, or null when none is complete yet. */
  String nextLine() {
    try {
      if (in == null) {
        if (!Files.exists(file)) {
          return null;
        }
        in = Files.newInputStream(file);
      }
      int b;
      while (in.available() > 0 && (b = in.read()) != -1) {
        if (b == '\n') {
          String line = partial.toString(StandardCharsets.UTF_8);
          partial.reset();
          return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
        partial.write(b);
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the unterminated rest, for a process that has exited. */
  String rest() {
    return partial.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      if (in != null) {
        in.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
