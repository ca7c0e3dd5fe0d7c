/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.nio.charset.StandardCharsets;

/**
 * One attribute value as the normaliser reads it, taken from a decoded {@link AnyValue} or straight
 * from the encoded request; a string read from the bytes is only decoded when asked for. Reused
 * from one attribute to the next.
 */
final class AttributeValue {
  /** The value kinds the normaliser tells apart; OTHER is any other kind, or no value. */
  enum Kind {
    STRING,
    BOOL,
    INT,
    DOUBLE,
    OTHER
  }

  Kind kind = Kind.OTHER;

  /** True for a string read from bytes whose UTF-8 has not been checked yet. */
  boolean unchecked;

  boolean boolValue;
  long intValue;
  double doubleValue;
  private String string;
  private byte[] bytes;
  private int offset;
  private int length;

  AttributeValue set(AnyValue v) {
    if (v.hasStringValue()) {
      setString(v.getStringValue());
      return this;
    }
    switch (v.getValueCase()) {
      case BOOL_VALUE -> setBool(v.getBoolValue());
      case INT_VALUE -> setInt(v.getIntValue());
      case DOUBLE_VALUE -> setDouble(v.getDoubleValue());
      default -> setOther();
    }
    return this;
  }

  void setString(String s) {
    kind = Kind.STRING;
    unchecked = false;
    string = s;
    bytes = null;
    length = s.length();
  }

  /**
   * Sets a string by its UTF-8 bytes, decoded only if {@link #string()} is called; the reader
   * checks them unless {@link #frequentString()} found them in {@link TextCache}.
   */
  void setString(byte[] utf8, int from, int byteLength) {
    kind = Kind.STRING;
    unchecked = true;
    string = null;
    bytes = utf8;
    offset = from;
    length = byteLength;
  }

  void setBool(boolean b) {
    unchecked = false;
    kind = Kind.BOOL;
    boolValue = b;
  }

  void setInt(long n) {
    unchecked = false;
    kind = Kind.INT;
    intValue = n;
  }

  void setDouble(double d) {
    unchecked = false;
    kind = Kind.DOUBLE;
    doubleValue = d;
  }

  void setOther() {
    unchecked = false;
    kind = Kind.OTHER;
  }

  String string() {
    if (string == null) {
      string = new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
    return string;
  }

  /**
   * Returns the string, shared with earlier spans through {@link TextCache} when read from bytes.
   */
  String frequentString() {
    if (string == null) {
      string = TextCache.text(bytes, offset, length);
      if (string == null) {
        string = new String(bytes, offset, length, StandardCharsets.UTF_8); // refused by the reader
      } else {
        unchecked = false; // the cache holds valid UTF-8 only
      }
    }
    return string;
  }

  byte[] bytes() {
    return bytes;
  }

  int offset() {
    return offset;
  }

  int length() {
    return length;
  }

  /** Returns true for a string of at least one character. */
  boolean isNonEmptyString() {
    return kind == Kind.STRING && length > 0;
  }
}
