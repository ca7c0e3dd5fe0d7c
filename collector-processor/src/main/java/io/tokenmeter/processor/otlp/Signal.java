/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/** The three OTLP signals, with their HTTP path, gRPC service and message types. */
public enum Signal {
  TRACES(
      "traces",
      "/v1/traces",
      "opentelemetry.proto.collector.trace.v1.TraceService",
      ExportTraceServiceRequest.getDefaultInstance(),
      ExportTraceServiceResponse.getDefaultInstance()),
  METRICS(
      "metrics",
      "/v1/metrics",
      "opentelemetry.proto.collector.metrics.v1.MetricsService",
      ExportMetricsServiceRequest.getDefaultInstance(),
      ExportMetricsServiceResponse.getDefaultInstance()),
  LOGS(
      "logs",
      "/v1/logs",
      "opentelemetry.proto.collector.logs.v1.LogsService",
      ExportLogsServiceRequest.getDefaultInstance(),
      ExportLogsServiceResponse.getDefaultInstance());

  private final String label;
  private final String httpPath;
  private final String grpcService;
  private final Message requestPrototype;
  private final Message responsePrototype;

  Signal(String label, String httpPath, String grpcService, Message request, Message response) {
    this.label = label;
    this.httpPath = httpPath;
    this.grpcService = grpcService;
    this.requestPrototype = request;
    this.responsePrototype = response;
  }

  public String label() {
    return label;
  }

  public String httpPath() {
    return httpPath;
  }

  public String grpcService() {
    return grpcService;
  }

  public Message requestPrototype() {
    return requestPrototype;
  }

  public Message emptyResponse() {
    return responsePrototype;
  }

  /** Decodes an OTLP protobuf request body of this signal. */
  public Message parse(byte[] body) throws InvalidProtocolBufferException {
    return requestPrototype.getParserForType().parseFrom(body);
  }

  /** Decodes an OTLP protobuf request body of this signal, answering 400 when it is invalid. */
  public Message decode(byte[] body) throws IngestException {
    try {
      return parse(body);
    } catch (InvalidProtocolBufferException e) {
      throw new IngestException(
          IngestError.BAD_REQUEST, "invalid OTLP protobuf: " + IngestException.summary(e));
    }
  }
}
