/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import io.grpc.Status;

/**
 * The one mapping from ingest failures to OTLP/HTTP status codes, gRPC codes and the {@code reason}
 * label of {@code tokenmeter_rejected_requests_total}.
 */
public enum IngestError {
  BAD_REQUEST(400, Status.Code.INVALID_ARGUMENT, "bad_request"),
  UNAUTHORIZED(401, Status.Code.UNAUTHENTICATED, "unauthorized"),
  NOT_FOUND(404, Status.Code.UNIMPLEMENTED, "not_found"),
  METHOD_NOT_ALLOWED(405, Status.Code.UNIMPLEMENTED, "method_not_allowed"),
  TOO_LARGE(413, Status.Code.RESOURCE_EXHAUSTED, "too_large"),
  UNSUPPORTED_MEDIA_TYPE(415, Status.Code.INVALID_ARGUMENT, "unsupported_media_type"),
  OVERLOADED(429, Status.Code.UNAVAILABLE, "overloaded"),
  INTERNAL(500, Status.Code.INTERNAL, "internal"),
  SHUTTING_DOWN(503, Status.Code.UNAVAILABLE, "shutting_down");

  private final int httpStatus;
  private final Status.Code grpcCode;
  private final String reason;

  IngestError(int httpStatus, Status.Code grpcCode, String reason) {
    this.httpStatus = httpStatus;
    this.grpcCode = grpcCode;
    this.reason = reason;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public Status.Code grpcCode() {
    return grpcCode;
  }

  public String reason() {
    return reason;
  }

  /** Returns true when a sender should retry later, so a {@code Retry-After} header is sent. */
  public boolean retryable() {
    return this == OVERLOADED || this == SHUTTING_DOWN;
  }
}
