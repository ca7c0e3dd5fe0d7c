/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import com.google.protobuf.Message;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.metrics.IngestMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OTLP/gRPC receiver (default port 4317): the Trace, Metrics and Logs services, defined by hand
 * so no generated stubs are needed. gzip is handled by grpc-java. Requests arrive as bytes and go
 * through {@link OtlpConsumer#consumeProtobuf}, as OTLP/HTTP protobuf bodies do: the same one-pass
 * reading, and a body that is not a valid request is answered {@code INVALID_ARGUMENT} and counted
 * as {@code bad_request}.
 */
public final class OtlpGrpcReceiver {
  private static final Logger LOG = Logger.getLogger(OtlpGrpcReceiver.class.getName());
  static final String TRANSPORT = "grpc";
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** The request message as received (grpc-java has already inflated it and checked its size). */
  private static final MethodDescriptor.Marshaller<byte[]> RAW_BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw Status.INTERNAL
                .withDescription("could not read the request")
                .withCause(e)
                .asRuntimeException();
          }
        }
      };

  private final Server server;
  private final ExecutorService executor;
  private final OtlpConsumer consumer;
  private final AdmissionControl admission;
  private final IngestMetrics metrics;

  public OtlpGrpcReceiver(
      ProcessorConfig.Server config,
      OtlpConsumer consumer,
      AdmissionControl admission,
      IngestMetrics metrics) {
    this.consumer = consumer;
    this.admission = admission;
    this.metrics = metrics;
    this.executor =
        Executors.newFixedThreadPool(
            config.maxConcurrentRequests(), AdmittingExecutor.named("otlp-grpc-worker"));
    BearerAuth auth = new BearerAuth(config.authToken());
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(config.bindAddress(), config.otlpGrpcPort()))
            .maxInboundMessageSize(config.maxRequestBytes())
            .maxConcurrentCallsPerConnection(
                config.maxConcurrentRequests() + config.maxQueuedRequests())
            .executor(executor);
    for (Signal signal : Signal.values()) {
      builder.addService(
          ServerInterceptors.intercept(service(signal), authInterceptor(auth, signal)));
    }
    this.server = builder.build();
  }

  public void start() throws IOException {
    server.start();
  }

  public int port() {
    return server.getPort();
  }

  public void stop(long timeoutMillis) throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
      server.shutdownNow();
    }
    executor.shutdown();
  }

  private ServerServiceDefinition service(Signal signal) {
    MethodDescriptor<byte[], Message> export =
        MethodDescriptor.<byte[], Message>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(
                MethodDescriptor.generateFullMethodName(signal.grpcService(), "Export"))
            .setRequestMarshaller(RAW_BYTES)
            .setResponseMarshaller(ProtoUtils.marshaller(signal.emptyResponse()))
            .build();
    return ServerServiceDefinition.builder(signal.grpcService())
        .addMethod(export, ServerCalls.asyncUnaryCall((req, obs) -> export(signal, req, obs)))
        .build();
  }

  private void export(Signal signal, byte[] request, StreamObserver<Message> response) {
    IngestError refusal = admission.tryEnter();
    if (refusal != null) {
      fail(
          signal,
          response,
          refusal,
          refusal == IngestError.OVERLOADED ? "overloaded" : "shutting down");
      return;
    }
    try {
      consumer.consumeProtobuf(signal, request, TRANSPORT);
      response.onNext(signal.emptyResponse());
      response.onCompleted();
    } catch (IngestException e) {
      fail(signal, response, e.error(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "unexpected failure handling gRPC " + signal.label(), e);
      fail(signal, response, IngestError.INTERNAL, "internal error");
    } finally {
      admission.exit();
    }
  }

  private void fail(Signal signal, StreamObserver<Message> response, IngestError e, String msg) {
    metrics.requestRejected(TRANSPORT, signal.label(), e.reason());
    response.onError(Status.fromCode(e.grpcCode()).withDescription(msg).asRuntimeException());
  }

  private ServerInterceptor authInterceptor(BearerAuth auth, Signal signal) {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!auth.allows(headers.get(AUTHORIZATION))) {
          metrics.requestRejected(TRANSPORT, signal.label(), IngestError.UNAUTHORIZED.reason());
          call.close(
              Status.UNAUTHENTICATED.withDescription("missing or wrong bearer token"),
              new Metadata());
          return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
      }
    };
  }
}
