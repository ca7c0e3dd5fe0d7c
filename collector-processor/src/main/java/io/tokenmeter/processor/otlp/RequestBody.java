package io.tokenmeter.processor.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads a request body, gunzipping when asked, and enforces the size limit after decompression. */
final class RequestBody {
  private RequestBody() {}

  static byte[] read(InputStream raw, String contentLength, String contentEncoding, int maxBytes)
      throws IngestException, IOException {
    if (contentLength != null) {
      long declared = parseLength(contentLength);
      if (declared > maxBytes) {
        throw tooLarge(maxBytes);
      }
    }
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    return switch (encoding) {
      case "", "identity" -> readLimited(raw, maxBytes);
      case "gzip", "x-gzip" -> gunzip(raw, maxBytes);
      default ->
          throw new IngestException(
              IngestError.UNSUPPORTED_MEDIA_TYPE, "unsupported Content-Encoding: " + encoding);
    };
  }

  private static byte[] gunzip(InputStream raw, int maxBytes) throws IngestException, IOException {
    byte[] compressed = readLimited(raw, maxBytes);
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
      return readLimited(in, maxBytes);
    } catch (ZipException | EOFException e) {
      throw new IngestException(IngestError.BAD_REQUEST, "invalid gzip body: " + OtlpJson.brief(e));
    }
  }

  private static byte[] readLimited(InputStream in, int maxBytes)
      throws IngestException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge(maxBytes);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static long parseLength(String value) throws IngestException {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IngestException(IngestError.BAD_REQUEST, "invalid Content-Length");
    }
  }

  private static IngestException tooLarge(int maxBytes) {
    return new IngestException(
        IngestError.TOO_LARGE, "request body exceeds " + maxBytes + " bytes (after decompression)");
  }
}
