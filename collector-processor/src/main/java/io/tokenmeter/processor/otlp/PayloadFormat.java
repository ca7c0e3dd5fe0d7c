/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import java.util.Locale;

/** The two OTLP/HTTP encodings, chosen by the request's Content-Type. */
enum PayloadFormat {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private final String contentType;

  PayloadFormat(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /** Returns the format of a Content-Type header value, or null when unsupported. */
  static PayloadFormat of(String contentTypeHeader) {
    if (contentTypeHeader == null) {
      return null;
    }
    String base = contentTypeHeader.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (base) {
      case "application/x-protobuf", "application/protobuf" -> PROTOBUF;
      case "application/json" -> JSON;
      default -> null;
    };
  }

  /** Best guess for an error body's format when the request's own type is unsupported. */
  static PayloadFormat forErrorBody(String contentTypeHeader) {
    PayloadFormat f = of(contentTypeHeader);
    return f == null ? PROTOBUF : f;
  }
}
