/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body, gunzipping when asked, and enforces the size limit after decompression.
 *
 * <p>A body with a {@code Content-Length} (what OTLP exporters send) is read into one array of
 * exactly that size; only chunked bodies and gzip output, whose size is not known up front, grow a
 * buffer as they go.
 */
final class RequestBody {
  private static final int FIRST_CHUNK = 64 * 1024;

  private RequestBody() {}

  static byte[] read(InputStream raw, String contentLength, String contentEncoding, int maxBytes)
      throws IngestException, IOException {
    long declared = contentLength == null ? -1 : parseLength(contentLength);
    if (declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    return switch (encoding) {
      case "", "identity" -> readBody(raw, declared, maxBytes);
      case "gzip", "x-gzip" -> gunzip(raw, declared, maxBytes);
      default ->
          throw new IngestException(
              IngestError.UNSUPPORTED_MEDIA_TYPE, "unsupported Content-Encoding: " + encoding);
    };
  }

  private static byte[] gunzip(InputStream raw, long declared, int maxBytes)
      throws IngestException, IOException {
    byte[] compressed = readBody(raw, declared, maxBytes);
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
      // OTLP protobuf compresses about 3 to 10 times; start near that to grow once or twice
      int guess = (int) Math.min(maxBytes, Math.max(FIRST_CHUNK, 4L * compressed.length));
      return readLimited(in, guess, maxBytes);
    } catch (ZipException | EOFException e) {
      throw new IngestException(
          IngestError.BAD_REQUEST, "invalid gzip body: " + IngestException.summary(e));
    }
  }

  /** Reads a body of {@code declared} bytes (-1: unknown, read to the end within the limit). */
  private static byte[] readBody(InputStream in, long declared, int maxBytes)
      throws IngestException, IOException {
    if (declared < 0) {
      return readLimited(in, Math.min(maxBytes, FIRST_CHUNK), maxBytes);
    }
    byte[] body = new byte[(int) declared];
    int n = in.readNBytes(body, 0, body.length);
    // A client that sends less than it declared gets what it sent decoded, as before.
    return n == body.length ? body : Arrays.copyOf(body, n);
  }

  /**
   * Reads {@code in} to the end into a buffer that starts at {@code initial} bytes and doubles,
   * failing as soon as it holds more than {@code maxBytes}, so a gzip bomb is only inflated up to
   * the limit.
   */
  static byte[] readLimited(InputStream in, int initial, int maxBytes)
      throws IngestException, IOException {
    byte[] buf = new byte[Math.max(1, Math.min(initial, maxBytes))];
    int size = 0;
    while (true) {
      if (size == buf.length) {
        if (size > maxBytes) {
          throw tooLarge(maxBytes);
        }
        // one byte past the limit is enough to tell a body that is too large
        buf = Arrays.copyOf(buf, (int) Math.min(2L * size, maxBytes + 1L));
      }
      int n = in.read(buf, size, buf.length - size);
      if (n < 0) {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
      }
      size += n;
    }
  }

  private static long parseLength(String value) throws IngestException {
    try {
      long length = Long.parseLong(value.trim());
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IngestException(IngestError.BAD_REQUEST, "invalid Content-Length");
  }

  private static IngestException tooLarge(int maxBytes) {
    return new IngestException(
        IngestError.TOO_LARGE, "request body exceeds " + maxBytes + " bytes (after decompression)");
  }
}
