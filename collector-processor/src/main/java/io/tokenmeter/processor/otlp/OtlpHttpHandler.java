/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import com.google.protobuf.Message;
import com.google.rpc.Status;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tokenmeter.processor.metrics.IngestMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Handles {@code POST /v1/{traces,metrics,logs}} per the OTLP/HTTP spec: authenticates, checks the
 * content type, reads the whole body and hands it to the consumer, which decodes and validates it,
 * and only then answers 200. Every failure is answered from {@link IngestError} with a {@code
 * google.rpc.Status} body.
 */
final class OtlpHttpHandler implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(OtlpHttpHandler.class.getName());
  static final String TRANSPORT = "http";

  private final Signal signal;
  private final OtlpConsumer consumer;
  private final BearerAuth auth;
  private final int maxRequestBytes;
  private final int retryAfterSeconds;
  private final IngestMetrics metrics;

  OtlpHttpHandler(
      Signal signal,
      OtlpConsumer consumer,
      BearerAuth auth,
      int maxRequestBytes,
      int retryAfterSeconds,
      IngestMetrics metrics) {
    this.signal = signal;
    this.consumer = consumer;
    this.auth = auth;
    this.maxRequestBytes = maxRequestBytes;
    this.retryAfterSeconds = retryAfterSeconds;
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange ex) {
    String contentType = ex.getRequestHeaders().getFirst("Content-Type");
    try {
      IngestError refusal = AdmittingExecutor.refusal();
      if (refusal != null) {
        throw new IngestException(
            refusal,
            refusal == IngestError.OVERLOADED
                ? "too many requests in flight, retry later"
                : "shutting down, retry later");
      }
      PayloadFormat format = checkRequest(ex, contentType);
      byte[] body =
          RequestBody.read(
              ex.getRequestBody(),
              ex.getRequestHeaders().getFirst("Content-Length"),
              ex.getRequestHeaders().getFirst("Content-Encoding"),
              maxRequestBytes);
      if (format == PayloadFormat.JSON) {
        consumer.consume(signal, OtlpJson.parse(signal, body), TRANSPORT);
      } else {
        consumer.consumeProtobuf(signal, body, TRANSPORT);
      }
      respond(ex, 200, format, signal.emptyResponse());
    } catch (IngestException e) {
      reject(ex, PayloadFormat.forErrorBody(contentType), e.error(), e.getMessage());
    } catch (IOException e) {
      LOG.log(Level.FINE, "client went away during " + signal.httpPath(), e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "unexpected failure handling " + signal.httpPath(), e);
      reject(ex, PayloadFormat.forErrorBody(contentType), IngestError.INTERNAL, "internal error");
    } finally {
      ex.close();
    }
  }

  private PayloadFormat checkRequest(HttpExchange ex, String contentType) throws IngestException {
    if (!"POST".equals(ex.getRequestMethod())) {
      throw new IngestException(IngestError.METHOD_NOT_ALLOWED, "use POST");
    }
    if (!auth.allows(ex.getRequestHeaders().getFirst("Authorization"))) {
      throw new IngestException(IngestError.UNAUTHORIZED, "missing or wrong bearer token");
    }
    PayloadFormat format = PayloadFormat.of(contentType);
    if (format == null) {
      throw new IngestException(
          IngestError.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/x-protobuf or application/json, got " + contentType);
    }
    return format;
  }

  private void reject(HttpExchange ex, PayloadFormat format, IngestError error, String message) {
    metrics.requestRejected(TRANSPORT, signal.label(), error.reason());
    if (error.retryable()) {
      ex.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
    }
    if (error == IngestError.UNAUTHORIZED) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    }
    Status status =
        Status.newBuilder().setCode(error.grpcCode().value()).setMessage(message).build();
    try {
      respond(ex, error.httpStatus(), format, status);
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not send error response", e);
    }
  }

  private static void respond(HttpExchange ex, int code, PayloadFormat format, Message body)
      throws IOException {
    byte[] bytes = format == PayloadFormat.JSON ? OtlpJson.print(body) : body.toByteArray();
    ex.getResponseHeaders().set("Content-Type", format.contentType());
    ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
