/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's executor. Admitted requests run on a fixed pool of workers (their queue is
 * bounded by admission control); refused ones run on a small separate pool that only answers
 * 429/503, so an overload never grows memory nor blocks the server's dispatcher thread.
 */
final class AdmittingExecutor implements Executor {
  private static final ThreadLocal<IngestError> REFUSAL = new ThreadLocal<>();

  private final AdmissionControl admission;
  private final ExecutorService workers;
  private final ThreadPoolExecutor refusers;

  AdmittingExecutor(AdmissionControl admission, int workerThreads) {
    this.admission = admission;
    this.workers = Executors.newFixedThreadPool(workerThreads, named("otlp-http-worker"));
    this.refusers =
        new ThreadPoolExecutor(
            1,
            2,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024),
            named("otlp-http-refuser"),
            new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** Returns why the current request was refused, or null when it was admitted. */
  static IngestError refusal() {
    return REFUSAL.get();
  }

  @Override
  public void execute(Runnable exchange) {
    IngestError refusal = admission.tryEnter();
    if (refusal == null) {
      workers.execute(
          () -> {
            try {
              exchange.run();
            } finally {
              admission.exit();
            }
          });
    } else {
      refusers.execute(
          () -> {
            REFUSAL.set(refusal);
            try {
              exchange.run();
            } finally {
              REFUSAL.remove();
            }
          });
    }
  }

  void shutdown() {
    workers.shutdown();
    refusers.shutdown();
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
