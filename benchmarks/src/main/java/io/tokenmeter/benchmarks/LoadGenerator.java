/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends the same payloads from {@code connections} threads, one connection each, for a while, and
 * counts the spans the processor accepted.
 */
final class LoadGenerator {
  /** Opens one connection. */
  interface Connector {
    OtlpSender open() throws Exception;
  }

  record Result(long acceptedSpans, long acceptedRequests, long rejectedRequests, double seconds) {
    double spansPerSecond() {
      return acceptedSpans / seconds;
    }
  }

  private LoadGenerator() {}

  static Result run(
      Connector connector, List<byte[]> payloads, int[] spanCounts, int connections, long millis)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder spans = new LongAdder();
    LongAdder accepted = new LongAdder();
    LongAdder rejected = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int c = 0; c < connections; c++) {
      int offset = c * 7;
      Thread t =
          new Thread(
              () -> {
                try (OtlpSender sender = connector.open()) {
                  for (int i = offset; !stop.get(); i++) {
                    int k = i % payloads.size();
                    if (sender.send(payloads.get(k))) {
                      spans.add(spanCounts[k]);
                      accepted.increment();
                    } else {
                      rejected.increment();
                      Thread.sleep(1);
                    }
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "load-" + c);
      threads.add(t);
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    Thread.sleep(millis);
    // Count only what was answered inside the window; requests still in flight finish after it.
    long spansAtEnd = spans.sum();
    long acceptedAtEnd = accepted.sum();
    long rejectedAtEnd = rejected.sum();
    double seconds = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    for (Thread t : threads) {
      t.join(60_000);
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("load generator failed: " + failures.get(0), failures.get(0));
    }
    return new Result(spansAtEnd, acceptedAtEnd, rejectedAtEnd, seconds);
  }

  /** The rate of {@code ExportTraceServiceRequest.parseFrom} alone on the same payloads. */
  static double decodeOnlySpansPerSecond(
      List<byte[]> payloads, int[] spanCounts, int threads, long millis)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder spans = new LongAdder();
    LongAdder sink = new LongAdder();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * 7;
      workers.add(
          new Thread(
              () -> {
                long local = 0;
                for (int i = offset; !stop.get(); i++) {
                  int k = i % payloads.size();
                  try {
                    local +=
                        io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest
                            .parseFrom(payloads.get(k))
                            .getResourceSpansCount();
                  } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                  }
                  spans.add(spanCounts[k]);
                }
                sink.add(local);
              },
              "decode-" + t));
    }
    long start = System.nanoTime();
    workers.forEach(Thread::start);
    Thread.sleep(millis);
    long done = spans.sum();
    double seconds = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    for (Thread w : workers) {
      w.join();
    }
    return done / seconds;
  }
}
