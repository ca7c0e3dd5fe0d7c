/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.testing.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP protobuf receiver on a loopback port. Started with {@link #start()} it keeps
 * everything it receives, flattened, for assertions; started with {@link #start(OtlpListener)} it
 * only decodes each request and hands it to the listener, keeping nothing (cheap enough to sit in a
 * measured path). Answers every valid export with 200 and an empty response; undecodable bodies get
 * 400.
 */
public final class OtlpReceiver implements AutoCloseable {
  private static final int THREADS = 4;
  private static final int BACKLOG = 64;

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newFixedThreadPool(THREADS, OtlpReceiver::daemon);
  private final OtlpListener listener;
  private final boolean recording;
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<ReceivedPoint> points = new ArrayList<>();
  private final AtomicInteger logRequests = new AtomicInteger();

  private OtlpReceiver(HttpServer server, OtlpListener forwardTo) {
    this.server = server;
    this.recording = forwardTo == null;
    this.listener = recording ? new Recorder() : forwardTo;
    server.createContext("/v1/traces", this::traces);
    server.createContext("/v1/metrics", this::metrics);
    server.createContext("/v1/logs", this::logs);
    server.setExecutor(executor);
  }

  /** Starts a receiver on 127.0.0.1 and a free port that keeps everything it receives. */
  public static OtlpReceiver start() {
    return bind(null);
  }

  /**
   * Starts a receiver on 127.0.0.1 and a free port that hands each decoded trace and metrics
   * request to the listener and keeps nothing: {@link #spans()} and the other accessors of what
   * arrived throw.
   */
  public static OtlpReceiver start(OtlpListener listener) {
    return bind(Objects.requireNonNull(listener, "listener"));
  }

  private static OtlpReceiver bind(OtlpListener forwardTo) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
      OtlpReceiver receiver = new OtlpReceiver(server, forwardTo);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the base URL for {@code otel.exporter.otlp.endpoint}, {@code http://127.0.0.1:PORT}.
   */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Returns a snapshot of all spans received so far, in arrival order. */
  public synchronized List<ReceivedSpan> spans() {
    requireRecording();
    return List.copyOf(spans);
  }

  /**
   * Returns a snapshot of all metric points received so far, in arrival order (repeats included).
   */
  public synchronized List<ReceivedPoint> points() {
    requireRecording();
    return List.copyOf(points);
  }

  /**
   * Returns the last point received for each metric name and attribute set: the totals, for
   * cumulative data.
   */
  public synchronized List<ReceivedPoint> latestPoints() {
    requireRecording();
    Map<List<Object>, ReceivedPoint> latest = new LinkedHashMap<>();
    for (ReceivedPoint p : points) {
      latest.put(List.of(p.metricName(), p.attributes()), p);
    }
    return List.copyOf(latest.values());
  }

  /** Returns how many log export requests arrived. */
  public int logRequests() {
    return logRequests.get();
  }

  private void requireRecording() {
    if (!recording) {
      throw new IllegalStateException(
          "this receiver hands requests to a listener and keeps nothing");
    }
  }

  /** Drops everything received so far. */
  public synchronized void clear() {
    spans.clear();
    points.clear();
  }

  /**
   * Waits until at least {@code atLeast} received spans match, and returns all that match; fails
   * with a list of what did arrive when the timeout passes first.
   */
  public List<ReceivedSpan> awaitSpans(
      Predicate<ReceivedSpan> filter, int atLeast, Duration timeout) {
    List<ReceivedSpan> found = await(() -> spans(), filter, atLeast, timeout);
    if (found.size() < atLeast) {
      throw new AssertionError(
          "expected at least "
              + atLeast
              + " matching spans within "
              + timeout
              + ", got "
              + found.size()
              + "; received: "
              + describeSpans(spans()));
    }
    return found;
  }

  /** Like {@link #awaitSpans} for metric points (which repeat every export interval). */
  public List<ReceivedPoint> awaitPoints(
      Predicate<ReceivedPoint> filter, int atLeast, Duration timeout) {
    List<ReceivedPoint> found = await(() -> points(), filter, atLeast, timeout);
    if (found.size() < atLeast) {
      throw new AssertionError(
          "expected at least "
              + atLeast
              + " matching points within "
              + timeout
              + ", got "
              + found.size()
              + "; received metrics: "
              + points().stream().map(ReceivedPoint::metricName).distinct().toList());
    }
    return found;
  }

  private interface Snapshot<T> {
    List<T> take();
  }

  private synchronized <T> List<T> await(
      Snapshot<T> snapshot, Predicate<T> filter, int atLeast, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<T> found = snapshot.take().stream().filter(filter).toList();
      long left = deadline - System.nanoTime();
      if (found.size() >= atLeast || left <= 0) {
        return found;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return found;
      }
    }
  }

  /**
   * Describes spans one per line as name, kind, scope and attribute keys: for failure messages and
   * logs.
   */
  public static String describeSpans(List<ReceivedSpan> spans) {
    return spans.stream()
        .map(
            s ->
                "\n  "
                    + s.name()
                    + " ["
                    + s.kind()
                    + ", scope "
                    + s.scopeName()
                    + "] "
                    + s.attributes())
        .collect(Collectors.joining());
  }

  private void traces(HttpExchange exchange) throws IOException {
    handle(
        exchange,
        body -> {
          listener.traces(ExportTraceServiceRequest.parseFrom(body), body.length);
          return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        });
  }

  private void metrics(HttpExchange exchange) throws IOException {
    handle(
        exchange,
        body -> {
          listener.metrics(ExportMetricsServiceRequest.parseFrom(body), body.length);
          return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
        });
  }

  private void logs(HttpExchange exchange) throws IOException {
    handle(
        exchange,
        body -> {
          ExportLogsServiceRequest.parseFrom(body);
          logRequests.incrementAndGet();
          return ExportLogsServiceResponse.getDefaultInstance().toByteArray();
        });
  }

  /** Keeps what arrives, flattened, and wakes whoever awaits it. */
  private final class Recorder implements OtlpListener {
    @Override
    public void traces(ExportTraceServiceRequest request, int bytes) {
      add(spans, OtlpFlattener.spans(request));
    }

    @Override
    public void metrics(ExportMetricsServiceRequest request, int bytes) {
      add(points, OtlpFlattener.points(request));
    }
  }

  private synchronized <T> void add(List<T> target, List<T> received) {
    target.addAll(received);
    notifyAll();
  }

  private interface Decoder {
    byte[] decode(byte[] body) throws IOException;
  }

  private static void handle(HttpExchange exchange, Decoder decoder) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "text/plain", "POST only".getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] response;
      try {
        response = decoder.decode(readBody(exchange));
      } catch (IOException e) {
        respond(exchange, 400, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        return;
      }
      respond(exchange, 200, "application/x-protobuf", response);
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    InputStream raw = exchange.getRequestBody();
    boolean gzip =
        "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
    try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
      return in.readAllBytes();
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "otlp-receiver");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
