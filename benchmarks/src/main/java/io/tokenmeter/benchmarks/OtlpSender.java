/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One connection to the processor that sends pre-encoded OTLP trace requests and says if accepted.
 */
interface OtlpSender extends AutoCloseable {
  /** Sends one export request; returns true when the processor accepted it (200 / OK). */
  boolean send(byte[] exportTraceServiceRequest) throws IOException;

  @Override
  void close() throws IOException;

  static OtlpSender http(int port) throws IOException {
    return new Http(port);
  }

  static OtlpSender grpc(int port) {
    return new Grpc(port);
  }

  /** A bare HTTP/1.1 keep-alive client, so the load generator spends as little CPU as it can. */
  final class Http implements OtlpSender {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] headerPrefix =
        ("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                + "Content-Length: ")
            .getBytes(StandardCharsets.US_ASCII);

    Http(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    @Override
    public boolean send(byte[] body) throws IOException {
      byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[headerPrefix.length + length.length + body.length];
      System.arraycopy(headerPrefix, 0, request, 0, headerPrefix.length);
      System.arraycopy(length, 0, request, headerPrefix.length, length.length);
      System.arraycopy(body, 0, request, headerPrefix.length + length.length, body.length);
      out.write(request);
      out.flush();
      String status = readLine();
      int contentLength = 0;
      boolean chunked = false;
      for (String line = readLine(); !line.isEmpty(); line = readLine()) {
        String lower = line.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          contentLength = Integer.parseInt(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      if (chunked) {
        for (int size = Integer.parseInt(readLine().trim(), 16);
            size > 0;
            size = Integer.parseInt(readLine().trim(), 16)) {
          in.skipNBytes(size);
          readLine();
        }
        readLine();
      } else {
        in.skipNBytes(contentLength);
      }
      return status.startsWith("HTTP/1.1 200");
    }

    private String readLine() throws IOException {
      StringBuilder sb = new StringBuilder(64);
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("connection closed by the processor");
        }
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      return sb.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * OTLP/gRPC over its own channel (one HTTP/2 connection), sending the request bytes as they are.
   */
  final class Grpc implements OtlpSender {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES =
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
              throw new IllegalStateException(e);
            }
          }
        };
    private static final MethodDescriptor<byte[], byte[]> EXPORT =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();

    private final ManagedChannel channel;

    Grpc(int port) {
      channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    @Override
    public boolean send(byte[] body) {
      try {
        ClientCalls.blockingUnaryCall(channel, EXPORT, CallOptions.DEFAULT, body);
        return true;
      } catch (StatusRuntimeException e) {
        return false;
      }
    }

    @Override
    public void close() {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
