/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a server-sent-event stream, flushing every event, pacing events and dropping the
 * connection after {@code cutAfter} events when asked to.
 */
final class SseWriter {
  private final HttpExchange exchange;
  private final FakeCall call;
  private final OutputStream out;
  private int sent;

  private SseWriter(HttpExchange exchange, FakeCall call) {
    this.exchange = exchange;
    this.call = call;
    this.out = exchange.getResponseBody();
  }

  /** Sends the response headers of a stream (chunked, status 200). */
  static SseWriter open(HttpExchange exchange, ProviderDialect dialect, FakeCall call)
      throws IOException {
    dialect.addResponseHeaders(exchange.getResponseHeaders());
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    SseWriter writer = new SseWriter(exchange, call);
    writer.checkCut();
    return writer;
  }

  /** Writes {@code event: name} (when not null) and {@code data: json}. */
  void event(String name, JsonNode data) throws IOException {
    String json = JsonReply.MAPPER.writeValueAsString(data);
    write((name == null ? "" : "event: " + name + "\n") + "data: " + json + "\n\n");
  }

  /** Writes a raw {@code data:} line, such as OpenAI's {@code [DONE]}. */
  void data(String raw) throws IOException {
    write("data: " + raw + "\n\n");
  }

  private void write(String text) throws IOException {
    pause();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
    sent++;
    checkCut();
  }

  private void checkCut() {
    if (call.cutAfter() >= 0 && sent >= call.cutAfter()) {
      throw new StreamCut(sent);
    }
  }

  private void pause() {
    if (sent > 0 && call.chunkDelayMillis() > 0) {
      FakeLlmProvider.sleep(call.chunkDelayMillis());
    }
  }

  /** Ends the stream cleanly (terminating chunk) and closes the exchange. */
  void finish() throws IOException {
    out.close();
    exchange.close();
  }

  /**
   * Thrown to drop a stream without its terminating chunk: the HTTP server closes the connection
   * when a handler throws after the response has started.
   */
  static final class StreamCut extends RuntimeException {
    StreamCut(int sent) {
      super("stream cut after " + sent + " events (x-fake-cut-after)", null, false, false);
    }
  }
}
