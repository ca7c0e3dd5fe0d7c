package io.tokenmeter.processor.otlp;

import com.google.protobuf.Message;

/** Takes a decoded, validated OTLP export request; the receivers acknowledge after it returns. */
@FunctionalInterface
public interface OtlpConsumer {
  void consume(Signal signal, Message request, String transport) throws IngestException;
}
