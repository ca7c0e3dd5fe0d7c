/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How {@link TraceRequestReader} checks the fields of one message type, built from the generated
 * descriptor so it follows the protobuf schema in use: each field's expected wire type, whether it
 * is a string (whose bytes must be UTF-8), and the schema of a nested message.
 */
final class WireSchema {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  /** Expected "wire type" of group fields: no wire type matches it, so groups are left alone. */
  private static final int NO_WIRE_TYPE = 8;

  private final int[] wireTypes;
  private final boolean[] strings;
  private final WireSchema[] messages;

  private WireSchema(int maxField) {
    wireTypes = new int[maxField + 1];
    Arrays.fill(wireTypes, -1);
    strings = new boolean[maxField + 1];
    messages = new WireSchema[maxField + 1];
  }

  static WireSchema of(Descriptor type) {
    return of(type, new HashMap<>());
  }

  private static WireSchema of(Descriptor type, Map<Descriptor, WireSchema> built) {
    WireSchema s = built.get(type);
    if (s != null) {
      return s;
    }
    int max = 0;
    for (FieldDescriptor f : type.getFields()) {
      max = Math.max(max, f.getNumber());
    }
    s = new WireSchema(max);
    built.put(type, s); // before the fields: AnyValue and ArrayValue refer to each other
    for (FieldDescriptor f : type.getFields()) {
      int n = f.getNumber();
      s.wireTypes[n] = wireType(f.getType());
      s.strings[n] = f.getType() == FieldDescriptor.Type.STRING;
      if (f.getType() == FieldDescriptor.Type.MESSAGE) {
        s.messages[n] = of(f.getMessageType(), built);
      }
    }
    return s;
  }

  /** Returns the wire type a field is encoded with unpacked; a group gets none this reads. */
  private static int wireType(FieldDescriptor.Type type) {
    return switch (type) {
      case STRING, BYTES, MESSAGE -> LEN;
      case DOUBLE, FIXED64, SFIXED64 -> FIXED64;
      case FLOAT, FIXED32, SFIXED32 -> FIXED32;
      case GROUP -> NO_WIRE_TYPE;
      default -> VARINT;
    };
  }

  /** Returns the wire type of a known field, or -1 for an unknown field. */
  int wireType(int field) {
    return field < wireTypes.length ? wireTypes[field] : -1;
  }

  boolean isString(int field) {
    return strings[field];
  }

  WireSchema message(int field) {
    return messages[field];
  }
}
