/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.forward;

import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.metrics.ForwardMetrics;
import io.tokenmeter.processor.otlp.Signal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Re-exports OTLP requests to a downstream over OTLP/HTTP protobuf. Ingestion only ever offers to a
 * bounded queue: a slow or failing downstream costs dropped exports (counted in {@code
 * tokenmeter_forward_dropped_requests_total}), never blocked senders nor lost accounting.
 */
public final class OtlpForwarder {
  private static final Logger LOG = Logger.getLogger(OtlpForwarder.class.getName());
  private static final int SENDERS = 2;
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private final ProcessorConfig.Forward config;
  private final ForwardMetrics metrics;
  private final BlockingQueue<Export> queue;
  private final HttpClient client;
  private final Thread[] senders = new Thread[SENDERS];
  // queued plus being delivered, so stop() knows when everything accepted has been handled
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean stopping;

  private record Export(Signal signal, byte[] body) {}

  public OtlpForwarder(ProcessorConfig.Forward config, ForwardMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.queue = new ArrayBlockingQueue<>(config.queueSize());
    this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    metrics.forwardQueue(queue::size);
  }

  public void start() {
    for (int i = 0; i < SENDERS; i++) {
      senders[i] = new Thread(this::sendLoop, "otlp-forwarder-" + i);
      senders[i].setDaemon(true);
      senders[i].start();
    }
  }

  /** Queues one export request; returns false (and counts a drop) when the queue is full. */
  public boolean offer(Signal signal, byte[] protobufBody) {
    pending.incrementAndGet();
    if (stopping || !queue.offer(new Export(signal, protobufBody))) {
      pending.decrementAndGet();
      metrics.requestDropped(signal.label(), stopping ? "shutdown" : "queue_full");
      return false;
    }
    return true;
  }

  /** Stops taking exports and delivers what is queued for up to {@code timeout}. */
  public void stop(Duration timeout) throws InterruptedException {
    stopping = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    for (Thread t : senders) {
      if (t != null) {
        t.interrupt();
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    }
    Export left;
    while ((left = queue.poll()) != null) {
      metrics.requestDropped(left.signal().label(), "shutdown");
    }
  }

  private void sendLoop() {
    while (true) {
      Export export;
      try {
        export = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (!deliver(export)) {
          return;
        }
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  /** Returns false when interrupted, so the sender stops. */
  private boolean deliver(Export export) {
    long backoff = config.initialBackoff().toMillis();
    for (int attempt = 1; ; attempt++) {
      Result r = sendOnce(export);
      if (r == Result.SENT) {
        metrics.requestForwarded(export.signal().label());
        return true;
      }
      if (r == Result.REJECTED || attempt >= config.maxAttempts()) {
        metrics.requestDropped(
            export.signal().label(), r == Result.REJECTED ? "rejected" : "failed");
        return true;
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        metrics.requestDropped(export.signal().label(), "shutdown");
        return false;
      }
      backoff = Math.min(MAX_BACKOFF_MILLIS, Math.max(1, backoff * 2));
    }
  }

  private enum Result {
    SENT,
    RETRY,
    REJECTED
  }

  private Result sendOnce(Export export) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint(export.signal()))
            .timeout(config.timeout())
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(export.body()));
    config.headers().forEach(b::header);
    try {
      int status = client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        return Result.SENT;
      }
      boolean retryable = status == 429 || status == 502 || status == 503 || status == 504;
      LOG.log(
          Level.FINE, "downstream answered {0} for {1}", new Object[] {status, export.signal()});
      return retryable ? Result.RETRY : Result.REJECTED;
    } catch (IOException e) {
      LOG.log(Level.FINE, "downstream unreachable: {0}", e.toString());
      return Result.RETRY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.RETRY;
    }
  }

  private URI endpoint(Signal signal) {
    return URI.create(config.endpoint().toString() + signal.httpPath());
  }
}
