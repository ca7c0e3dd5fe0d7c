/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
  private static final byte[] BODY = bytes(300_000);

  @Test
  void readsADeclaredLengthIntoOneExactArray() throws Exception {
    byte[] read = RequestBody.read(new Trickle(BODY, 1500), "300000", null, 1 << 20);
    assertThat(read).isEqualTo(BODY);
  }

  @Test
  void readsAChunkedBodyToTheEnd() throws Exception {
    byte[] read = RequestBody.read(new Trickle(BODY, 777), null, "identity", 1 << 20);
    assertThat(read).isEqualTo(BODY);
  }

  @Test
  void readsBodiesOfExactlyTheLimit() throws Exception {
    assertThat(RequestBody.read(new Trickle(BODY, 4096), null, null, BODY.length)).isEqualTo(BODY);
    assertThat(RequestBody.read(new Trickle(BODY, 4096), "300000", null, BODY.length))
        .isEqualTo(BODY);
  }

  @Test
  void readsEmptyBodies() throws Exception {
    assertThat(RequestBody.read(InputStream.nullInputStream(), "0", null, 1024)).isEmpty();
    assertThat(RequestBody.read(InputStream.nullInputStream(), null, null, 1024)).isEmpty();
  }

  @Test
  void keepsWhatArrivedWhenTheBodyIsShorterThanDeclared() throws Exception {
    byte[] read = RequestBody.read(new Trickle(BODY, 1000), "400000", null, 1 << 20);
    assertThat(read).isEqualTo(BODY);
  }

  @Test
  void refusesADeclaredLengthOverTheLimitBeforeReading() {
    InputStream untouched =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("read the body of a request refused by its length");
          }
        };
    assertError(() -> RequestBody.read(untouched, "1025", null, 1024), IngestError.TOO_LARGE);
  }

  @Test
  void refusesAChunkedBodyOverTheLimit() {
    assertError(
        () -> RequestBody.read(new Trickle(BODY, 1000), null, null, BODY.length - 1),
        IngestError.TOO_LARGE);
  }

  @Test
  void refusesInvalidContentLengths() {
    assertError(
        () -> RequestBody.read(new Trickle(BODY, 10), "12a", null, 1024), IngestError.BAD_REQUEST);
    assertError(
        () -> RequestBody.read(new Trickle(BODY, 10), "-1", null, 1024), IngestError.BAD_REQUEST);
  }

  @Test
  void gunzipsWithAndWithoutContentLength() throws Exception {
    byte[] gz = gzip(BODY);
    assertThat(RequestBody.read(new Trickle(gz, 999), Integer.toString(gz.length), "gzip", 1 << 20))
        .isEqualTo(BODY);
    assertThat(RequestBody.read(new Trickle(gz, 999), null, "x-gzip", 1 << 20)).isEqualTo(BODY);
  }

  @Test
  void limitsTheDecompressedSize() throws Exception {
    byte[] bomb = gzip(new byte[8 << 20]);
    assertError(
        () -> RequestBody.read(new ByteArrayInputStream(bomb), null, "gzip", 1 << 20),
        IngestError.TOO_LARGE);
  }

  @Test
  void refusesCorruptGzipAndUnknownEncodings() {
    assertError(
        () -> RequestBody.read(new ByteArrayInputStream(BODY), "300000", "gzip", 1 << 20),
        IngestError.BAD_REQUEST);
    assertError(
        () -> RequestBody.read(new ByteArrayInputStream(BODY), "300000", "br", 1 << 20),
        IngestError.UNSUPPORTED_MEDIA_TYPE);
  }

  private interface Read {
    byte[] run() throws Exception;
  }

  private static void assertError(Read read, IngestError error) {
    assertThatThrownBy(read::run)
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.error()).isEqualTo(error));
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** A stream that hands out at most {@code chunk} bytes per read, as a socket does. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private final int chunk;
    private int pos;

    Trickle(byte[] data, int chunk) {
      this.data = data;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, chunk), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
