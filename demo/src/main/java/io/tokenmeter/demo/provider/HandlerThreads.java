/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A bounded pool of daemon threads that run exchanges, and that is gone once stopped. */
final class HandlerThreads {
  private static final int MAX_THREADS = 64;
  private static final long STOP_MILLIS = 5_000;

  private final String namePrefix;
  private final AtomicInteger count = new AtomicInteger();
  private final Set<Thread> started = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor executor;

  HandlerThreads(String namePrefix) {
    this.namePrefix = namePrefix;
    this.executor =
        new ThreadPoolExecutor(
            MAX_THREADS,
            MAX_THREADS,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            this::newThread);
    executor.allowCoreThreadTimeOut(true);
  }

  Executor executor() {
    return executor;
  }

  /** Interrupts running exchanges and waits until every thread of the pool has ended. */
  void stop() {
    executor.shutdownNow();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
    try {
      executor.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS);
      for (Thread thread : started) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        thread.join(Math.max(1, left));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Thread newThread(Runnable task) {
    started.removeIf(old -> !old.isAlive());
    Thread thread = new Thread(task, namePrefix + count.incrementAndGet());
    thread.setDaemon(true);
    started.add(thread);
    return thread;
  }
}
