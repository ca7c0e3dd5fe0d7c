/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.apps;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An SDK client built on first use and closed with the app, so a run that never needs it (the sync
 * scenarios never need the async client) neither builds nor closes it.
 */
final class LazyClient<T> implements AutoCloseable {
  private final Supplier<T> build;
  private final Consumer<T> close;
  private T client;

  LazyClient(Supplier<T> build, Consumer<T> close) {
    this.build = build;
    this.close = close;
  }

  T get() {
    if (client == null) {
      client = build.get();
    }
    return client;
  }

  @Override
  public void close() {
    if (client != null) {
      close.accept(client);
    }
  }
}
