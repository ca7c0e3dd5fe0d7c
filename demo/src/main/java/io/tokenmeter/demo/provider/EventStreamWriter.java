/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes AWS event-stream messages ({@code application/vnd.amazon.eventstream}): a prelude of total
 * and header lengths with its CRC32, string headers ({@code :event-type}, {@code :content-type},
 * {@code :message-type}), the JSON payload and the CRC32 of the whole message. Honours the fake's
 * pacing and cut-after headers like {@link SseWriter}.
 */
final class EventStreamWriter {
  private static final byte STRING_HEADER = 7;

  private final OutputStream out;
  private final FakeCall call;
  private final int[] sent;

  EventStreamWriter(OutputStream out, FakeCall call, int[] sent) {
    this.out = out;
    this.call = call;
    this.sent = sent;
  }

  void event(String type, JsonNode payload) throws IOException {
    if (sent[0] > 0 && call.chunkDelayMillis() > 0) {
      FakeLlmProvider.sleep(call.chunkDelayMillis());
    }
    out.write(encode(type, JsonReply.bytes(payload)));
    out.flush();
    sent[0]++;
    if (call.cutAfter() >= 0 && sent[0] >= call.cutAfter()) {
      throw new SseWriter.StreamCut(sent[0]);
    }
  }

  static byte[] encode(String eventType, byte[] payload) {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    header(headers, ":event-type", eventType);
    header(headers, ":content-type", "application/json");
    header(headers, ":message-type", "event");
    byte[] headerBytes = headers.toByteArray();
    int total = 4 + 4 + 4 + headerBytes.length + payload.length + 4;
    ByteBuffer message = ByteBuffer.allocate(total);
    message.putInt(total);
    message.putInt(headerBytes.length);
    message.putInt((int) crc(message.array(), 0, 8));
    message.put(headerBytes);
    message.put(payload);
    message.putInt((int) crc(message.array(), 0, total - 4));
    return message.array();
  }

  private static void header(ByteArrayOutputStream out, String name, String value) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
    out.write(nameBytes.length);
    out.write(nameBytes, 0, nameBytes.length);
    out.write(STRING_HEADER);
    out.write((valueBytes.length >> 8) & 0xff);
    out.write(valueBytes.length & 0xff);
    out.write(valueBytes, 0, valueBytes.length);
  }

  private static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }
}
