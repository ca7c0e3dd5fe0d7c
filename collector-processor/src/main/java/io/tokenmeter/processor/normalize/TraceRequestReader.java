/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import static io.tokenmeter.contract.OtelAttributes.SERVICE_NAME;
import static io.tokenmeter.contract.TokenmeterAttributes.DIMENSION_PREFIX;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the GenAI calls of an encoded {@code ExportTraceServiceRequest} in one pass over its bytes,
 * without building the generated message objects: attribute keys are matched on their bytes, and
 * only values the normaliser keeps become strings. Every other field is still checked as {@code
 * parseFrom} checks it (wire format, lengths, UTF-8 of strings, by the message descriptors), so a
 * request read here is one decoding would accept, and gives the same calls as {@link
 * SpanNormalizer} on the decoded request.
 *
 * <p>{@link #read} returns null for anything but a plainly encoded valid request: malformed bytes,
 * invalid UTF-8, a singular message field given twice (decoding merges them), an attribute value
 * with more than one field, groups, a known field with an unexpected wire type, nesting deeper than
 * {@value #MAX_DEPTH}. The caller then decodes the request with {@code parseFrom}, which reports
 * the exact error or handles the unusual encoding.
 */
public final class TraceRequestReader {
  /** What a request held: how many spans, and the calls of its GenAI spans in order. */
  public record Result(long spans, List<GenAiCall> calls) {}

  private static final int MAX_DEPTH = 64;
  private static final int VARINT = WireSchema.VARINT;
  private static final int FIXED64 = WireSchema.FIXED64;
  private static final int LEN = WireSchema.LEN;
  private static final int FIXED32 = WireSchema.FIXED32;

  private static final WireSchema REQUEST =
      WireSchema.of(ExportTraceServiceRequest.getDescriptor());
  private static final WireSchema RESOURCE_SPANS = WireSchema.of(ResourceSpans.getDescriptor());
  private static final WireSchema RESOURCE = WireSchema.of(Resource.getDescriptor());
  private static final WireSchema SCOPE_SPANS = WireSchema.of(ScopeSpans.getDescriptor());
  private static final WireSchema SPAN = WireSchema.of(Span.getDescriptor());
  private static final WireSchema STATUS = WireSchema.of(Status.getDescriptor());
  private static final WireSchema KEY_VALUE = WireSchema.of(KeyValue.getDescriptor());
  private static final WireSchema ANY_VALUE = WireSchema.of(AnyValue.getDescriptor());

  /** Eight bytes at a time, little-endian as protobuf's fixed64. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final byte[] SERVICE_NAME_KEY = SERVICE_NAME.getBytes(StandardCharsets.UTF_8);
  private static final byte[] DIMENSION_KEY_PREFIX =
      DIMENSION_PREFIX.getBytes(StandardCharsets.UTF_8);

  private final byte[] buf;
  private final AttributeValue value = new AttributeValue();
  private final List<GenAiCall> calls = new ArrayList<>();
  private int pos;
  private int limit;
  private long spans;

  /** Where the key of the attribute just read is in {@link #buf}. */
  private int keyFrom;

  private int keyLength;

  private TraceRequestReader(byte[] body) {
    this.buf = body;
    this.limit = body.length;
  }

  /** Returns the spans and GenAI calls of an encoded request, or null (see the class comment). */
  public static Result read(byte[] body) {
    TraceRequestReader r = new TraceRequestReader(body);
    try {
      r.readRequest();
    } catch (Irregular e) {
      return null;
    }
    return new Result(r.spans, r.calls);
  }

  private void readRequest() {
    while (pos < limit) {
      int tag = tag();
      if (tag == (1 << 3 | LEN)) {
        int outer = enter(length(), 1);
        readResourceSpans(1);
        limit = outer;
      } else {
        checkField(REQUEST, tag, 0);
      }
    }
  }

  /** Reads the resource first, wherever it is, so its spans know their service. */
  private void readResourceSpans(int depth) {
    int from = pos;
    int resourceFrom = -1;
    int resourceLength = 0;
    while (pos < limit) {
      int tag = tag();
      if (tag == (2 << 3 | LEN)) {
        skip(length()); // the spans, read below
      } else if (tag == (1 << 3 | LEN)) {
        if (resourceFrom >= 0) {
          throw Irregular.INSTANCE;
        }
        resourceLength = length();
        resourceFrom = pos;
        pos += resourceLength;
      } else {
        checkField(RESOURCE_SPANS, tag, depth);
      }
    }
    String service = SpanNormalizer.UNKNOWN_SERVICE;
    if (resourceFrom >= 0) {
      pos = resourceFrom;
      int outer = enter(resourceLength, depth + 1);
      service = readResource(depth + 1);
      limit = outer;
    }
    pos = from;
    while (pos < limit) {
      int tag = tag();
      if (tag == (2 << 3 | LEN)) {
        int outer = enter(length(), depth + 1);
        readScopeSpans(depth + 1, service);
        limit = outer;
      } else {
        skipChecked(tag);
      }
    }
  }

  /** Returns the resource's first {@code service.name}, as {@link SpanNormalizer#serviceName}. */
  private String readResource(int depth) {
    String service = null;
    while (pos < limit) {
      int tag = tag();
      if (tag == (1 << 3 | LEN)) {
        int outer = enter(length(), depth + 1);
        readKeyValue(depth + 1);
        limit = outer;
        boolean serviceName = keyIs(SERVICE_NAME_KEY);
        if (service == null && serviceName) {
          service =
              value.isNonEmptyString() ? value.frequentString() : SpanNormalizer.UNKNOWN_SERVICE;
        }
        checkAttribute(serviceName);
      } else {
        checkField(RESOURCE, tag, depth);
      }
    }
    return service == null ? SpanNormalizer.UNKNOWN_SERVICE : service;
  }

  private void readScopeSpans(int depth, String service) {
    while (pos < limit) {
      int tag = tag();
      if (tag == (2 << 3 | LEN)) {
        spans++;
        int outer = enter(length(), depth + 1);
        readSpan(depth + 1, service);
        limit = outer;
      } else {
        checkField(SCOPE_SPANS, tag, depth);
      }
    }
  }

  private void readSpan(int depth, String service) {
    SpanFields fields = null;
    boolean genAi = false;
    boolean statusSeen = false;
    boolean statusError = false;
    int traceFrom = -1;
    int traceLength = 0;
    int spanFrom = -1;
    int spanLength = 0;
    long start = 0;
    long end = 0;
    while (pos < limit) {
      int tag = tag();
      switch (tag) {
        case 1 << 3 | LEN -> {
          traceLength = length();
          traceFrom = pos;
          pos += traceLength;
        }
        case 2 << 3 | LEN -> {
          spanLength = length();
          spanFrom = pos;
          pos += spanLength;
        }
        case 7 << 3 | FIXED64 -> start = fixed64();
        case 8 << 3 | FIXED64 -> end = fixed64();
        case 9 << 3 | LEN -> {
          int outer = enter(length(), depth + 1);
          readKeyValue(depth + 1);
          limit = outer;
          AttributeKey key = AttributeKey.of(buf, keyFrom, keyLength);
          if (key != null) {
            fields = fields == null ? new SpanFields() : fields;
            genAi |= key.marker();
            fields.assign(key, value);
          } else if (isDimension()) {
            fields = fields == null ? new SpanFields() : fields;
            int prefix = DIMENSION_KEY_PREFIX.length;
            fields.dimension(
                new String(buf, keyFrom + prefix, keyLength - prefix, StandardCharsets.UTF_8),
                value.string());
          }
          checkAttribute(key != null);
        }
        case 15 << 3 | LEN -> {
          if (statusSeen) {
            throw Irregular.INSTANCE;
          }
          statusSeen = true;
          int outer = enter(length(), depth + 1);
          statusError = readStatus(depth + 1);
          limit = outer;
        }
        default -> checkField(SPAN, tag, depth);
      }
    }
    if (genAi) {
      calls.add(
          SpanNormalizer.toCall(
              service,
              fields,
              statusError,
              start,
              end,
              bytes(traceFrom, traceLength),
              bytes(spanFrom, spanLength)));
    }
  }

  /** Returns whether the status code is {@code STATUS_CODE_ERROR}. */
  private boolean readStatus(int depth) {
    boolean error = false;
    while (pos < limit) {
      int tag = tag();
      if (tag == (3 << 3 | VARINT)) {
        error = (int) varint() == Status.StatusCode.STATUS_CODE_ERROR_VALUE;
      } else {
        checkField(STATUS, tag, depth);
      }
    }
    return error;
  }

  /**
   * Reads a key and its value into {@link #keyFrom}, {@link #keyLength} and {@link #value}; the
   * caller checks their UTF-8 ({@link #checkAttribute}) once it knows which key it is.
   */
  private void readKeyValue(int depth) {
    keyFrom = pos;
    keyLength = 0;
    value.setOther();
    boolean keySeen = false;
    boolean valueSeen = false;
    while (pos < limit) {
      int tag = tag();
      if (tag == (1 << 3 | LEN)) {
        if (keySeen) {
          throw Irregular.INSTANCE;
        }
        keySeen = true;
        keyLength = length();
        keyFrom = pos;
        pos += keyLength;
      } else if (tag == (2 << 3 | LEN)) {
        if (valueSeen) {
          throw Irregular.INSTANCE;
        }
        valueSeen = true;
        int outer = enter(length(), depth + 1);
        readAnyValue(depth + 1);
        limit = outer;
      } else {
        checkField(KEY_VALUE, tag, depth);
      }
    }
  }

  private void readAnyValue(int depth) {
    boolean seen = false;
    while (pos < limit) {
      if (seen) {
        throw Irregular.INSTANCE;
      }
      seen = true;
      int tag = tag();
      switch (tag) {
        case 1 << 3 | LEN -> {
          int n = length();
          value.setString(buf, pos, n); // checked by the caller
          pos += n;
        }
        case 2 << 3 | VARINT -> value.setBool(varint() != 0);
        case 3 << 3 | VARINT -> value.setInt(varint());
        case 4 << 3 | FIXED64 -> value.setDouble(Double.longBitsToDouble(fixed64()));
        default -> checkField(ANY_VALUE, tag, depth); // arrays, lists, bytes: checked, not kept
      }
    }
  }

  private boolean keyIs(byte[] key) {
    return keyLength == key.length
        && Arrays.equals(key, 0, key.length, buf, keyFrom, keyFrom + keyLength);
  }

  private boolean isDimension() {
    int prefix = DIMENSION_KEY_PREFIX.length;
    return keyLength > prefix
        && value.isNonEmptyString()
        && Arrays.equals(DIMENSION_KEY_PREFIX, 0, prefix, buf, keyFrom, keyFrom + prefix);
  }

  private ByteString bytes(int from, int length) {
    return from < 0 ? ByteString.EMPTY : ByteString.copyFrom(buf, from, length);
  }

  /** Checks one field of a message this reader does not interpret, by the message's schema. */
  private void checkField(WireSchema schema, int tag, int depth) {
    int field = tag >>> 3;
    int wire = tag & 7;
    int expected = schema.wireType(field);
    if (expected < 0) {
      skipUnknown(wire);
      return;
    }
    if (wire != expected) {
      throw Irregular.INSTANCE; // decoding keeps it as an unknown field; rare enough to leave to it
    }
    switch (wire) {
      case VARINT -> varint();
      case FIXED64 -> skip(8);
      case FIXED32 -> skip(4);
      default -> {
        int n = length();
        WireSchema message = schema.message(field);
        if (message != null) {
          int outer = enter(n, depth + 1);
          while (pos < limit) {
            checkField(message, tag(), depth + 1);
          }
          limit = outer;
        } else if (schema.isString(field)) {
          utf8(n);
        } else {
          skip(n);
        }
      }
    }
  }

  private void skipUnknown(int wire) {
    switch (wire) {
      case VARINT -> varint();
      case FIXED64 -> skip(8);
      case LEN -> skip(length());
      case FIXED32 -> skip(4);
      default -> throw Irregular.INSTANCE; // groups, invalid wire types
    }
  }

  /** Skips a field already checked in an earlier pass. */
  private void skipChecked(int tag) {
    skipUnknown(tag & 7);
  }

  private int enter(int length, int depth) {
    if (depth > MAX_DEPTH) {
      throw Irregular.INSTANCE;
    }
    int outer = limit;
    limit = pos + length;
    return outer;
  }

  private int tag() {
    long tag = varint();
    if ((tag >>> 32) != 0 || (tag >>> 3) == 0) {
      throw Irregular.INSTANCE;
    }
    return (int) tag;
  }

  private long varint() {
    int p = pos;
    if (limit - p >= 2) { // tags, lengths and token counts mostly take one or two bytes
      int b0 = buf[p];
      if (b0 >= 0) {
        pos = p + 1;
        return b0;
      }
      int b1 = buf[p + 1];
      if (b1 >= 0) {
        pos = p + 2;
        return (b0 & 0x7f) | (b1 << 7);
      }
    }
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw Irregular.INSTANCE;
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw Irregular.INSTANCE;
  }

  private int length() {
    long n = varint();
    if (n < 0 || n > limit - pos) {
      throw Irregular.INSTANCE;
    }
    return (int) n;
  }

  private long fixed64() {
    if (limit - pos < Long.BYTES) {
      throw Irregular.INSTANCE;
    }
    long v = (long) LONGS.get(buf, pos);
    pos += Long.BYTES;
    return v;
  }

  private void skip(int n) {
    if (n > limit - pos) {
      throw Irregular.INSTANCE;
    }
    pos += n;
  }

  /** Skips {@code n} bytes that must be valid UTF-8, as decoding a string field requires. */
  private void utf8(int n) {
    if (!isUtf8(buf, pos, n)) {
      throw Irregular.INSTANCE;
    }
    pos += n;
  }

  /** Returns whether {@code bytes[from, from + n)} is valid UTF-8, as protobuf decoding checks. */
  static boolean isUtf8(byte[] bytes, int from, int n) {
    int i = from;
    int end = from + n;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      if (((long) LONGS.get(bytes, i) & 0x8080808080808080L) != 0) {
        return UnsafeByteOperations.unsafeWrap(bytes, from, n).isValidUtf8();
      }
    }
    for (; i < end; i++) {
      if (bytes[i] < 0) {
        return UnsafeByteOperations.unsafeWrap(bytes, from, n).isValidUtf8();
      }
    }
    return true;
  }

  /**
   * Checks the key of the attribute just read, unless it is one of the known keys (ASCII
   * constants), and its string value, unless {@link TextCache} already knew those bytes.
   */
  private void checkAttribute(boolean knownKey) {
    if ((!knownKey && !isUtf8(buf, keyFrom, keyLength))
        || (value.unchecked && !isUtf8(value.bytes(), value.offset(), value.length()))) {
      throw Irregular.INSTANCE;
    }
  }

  /** Thrown, without a stack trace, to give up on a request and leave it to decoding. */
  private static final class Irregular extends RuntimeException {
    static final Irregular INSTANCE = new Irregular();

    private Irregular() {
      super(null, null, false, false);
    }
  }
}
