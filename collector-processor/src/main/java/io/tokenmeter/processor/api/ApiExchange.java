/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One API request: validated query parameters in, a streamed JSON or CSV body out. */
final class ApiExchange {
  private static final JsonFactory JSON = new JsonFactory();

  private final HttpExchange ex;
  private final Map<String, String> params = new LinkedHashMap<>();
  private boolean started;
  private DeferredBody body;
  private JsonGenerator json;

  ApiExchange(HttpExchange ex) {
    this.ex = ex;
  }

  /** Reads the query string; a parameter given twice or malformed encoding is a 400. */
  void parseQuery() {
    String query = ex.getRequestURI().getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = decode(eq < 0 ? pair : pair.substring(0, eq));
        String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (params.put(k, v) != null) {
          throw ApiException.badRequest("parameter '" + k + "' is given twice");
        }
      }
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("malformed query string: " + e.getMessage());
    }
  }

  /** Fails on any parameter not in {@code allowed} (typos should not be silently ignored). */
  ApiExchange allow(Set<String> allowed) {
    for (String k : params.keySet()) {
      if (!allowed.contains(k)) {
        throw ApiException.badRequest(
            "unknown parameter '" + k + "' (allowed: " + String.join(", ", allowed) + ")");
      }
    }
    return this;
  }

  String param(String name) {
    String v = params.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  Map<String, String> params() {
    return params;
  }

  LocalDate date(String name, LocalDate fallback) {
    String v = param(name);
    if (v == null) {
      return fallback;
    }
    try {
      if (v.length() != 10) {
        throw new DateTimeParseException("length", v, 0);
      }
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name + " must be YYYY-MM-DD, got '" + v + "'");
    }
  }

  int integer(String name, int fallback, int min, int max) {
    String v = param(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        name + " must be an integer from " + min + " to " + max + ", got '" + v + "'");
  }

  String choice(String name, String fallback, Set<String> choices) {
    String v = param(name);
    if (v == null) {
      return fallback;
    }
    if (!choices.contains(v)) {
      throw ApiException.badRequest(
          name + " must be one of " + String.join(", ", choices) + ", got '" + v + "'");
    }
    return v;
  }

  /**
   * Returns the body of a 200 response. Headers go out with the first 64 KiB (or at {@link
   * #finish}), so a failure before that still gets a proper error status; later, the body is
   * streamed (chunked).
   */
  Writer body(String contentType, String attachmentName) {
    ex.getResponseHeaders().set("Content-Type", contentType);
    if (attachmentName != null) {
      ex.getResponseHeaders()
          .set("Content-Disposition", "attachment; filename=\"" + attachmentName + "\"");
    }
    body = new DeferredBody();
    return body;
  }

  /** Returns a JSON writer for the body of a 200 response; {@link #finish} completes it. */
  JsonGenerator json() throws IOException {
    json = JSON.createGenerator(body("application/json; charset=utf-8", null));
    return json;
  }

  /** Completes a successful response. */
  void finish() throws IOException {
    if (json != null) {
      json.flush();
    }
    if (body != null) {
      body.close();
    }
  }

  boolean started() {
    return started;
  }

  /** Sends {@code {"error": message}} with {@code status}, unless a body is already under way. */
  void error(int status, String message) throws IOException {
    if (started) {
      return; // too late for a status; the truncated body and closed connection tell the client
    }
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (status == 401) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    }
    java.io.StringWriter body = new java.io.StringWriter();
    try (JsonGenerator w = JSON.createGenerator(body)) {
      w.writeStartObject();
      w.writeStringField("error", message);
      w.writeEndObject();
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  /** Buffers the start of the body so headers are sent only once it is known to succeed. */
  private final class DeferredBody extends Writer {
    private static final int HOLD = 64 * 1024;
    private StringBuilder held = new StringBuilder();
    private Writer out;

    @Override
    public void write(char[] c, int off, int len) throws IOException {
      if (out != null) {
        out.write(c, off, len);
        return;
      }
      held.append(c, off, len);
      if (held.length() >= HOLD) {
        commit();
      }
    }

    private void commit() throws IOException {
      if (out == null) {
        started = true;
        ex.sendResponseHeaders(200, 0);
        out =
            new BufferedWriter(
                new OutputStreamWriter(ex.getResponseBody(), StandardCharsets.UTF_8), HOLD);
        out.write(held.toString());
        held = null;
      }
    }

    @Override
    public void flush() {
      // held until finish() or 64 KiB, so an error can still change the status
    }

    @Override
    public void close() throws IOException {
      commit();
      out.close();
    }
  }
}
