/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import com.google.protobuf.Message;

/** Takes a decoded, validated OTLP export request; the receivers acknowledge after it returns. */
@FunctionalInterface
public interface OtlpConsumer {
  void consume(Signal signal, Message request, String transport) throws IngestException;

  /**
   * Takes an OTLP protobuf request body not decoded yet. The default decodes and validates it whole
   * (400 when it is not a valid request) and passes it to {@link #consume}; a consumer that reads
   * what it needs straight from the bytes overrides it, and must refuse every body decoding would.
   */
  default void consumeProtobuf(Signal signal, byte[] body, String transport)
      throws IngestException {
    consume(signal, signal.decode(body), transport);
  }
}
