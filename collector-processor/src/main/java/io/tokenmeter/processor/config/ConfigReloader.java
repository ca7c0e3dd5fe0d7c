/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Re-reads the config file on SIGHUP and when its modification time changes, and applies the new
 * budgets. An invalid file keeps the running budgets and logs why; other changed keys need a
 * restart.
 */
public final class ConfigReloader implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ConfigReloader.class.getName());

  /** Receives a new, valid configuration; applies what can change while running. */
  @FunctionalInterface
  public interface Target {
    void apply(ProcessorConfig config) throws Exception;
  }

  private final Path file;
  private final Map<String, String> env;
  private final Target target;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "config-reload");
            t.setDaemon(true);
            return t;
          });
  private byte[] lastContent;

  public ConfigReloader(Path file, Map<String, String> env, Target target) {
    this.file = file;
    this.env = env;
    this.target = target;
    this.lastContent = content();
  }

  /** Polls every {@code interval} (zero: never) and listens for SIGHUP where the JVM allows it. */
  public void start(Duration interval) {
    if (!interval.isZero()) {
      long ms = interval.toMillis();
      poller.scheduleWithFixedDelay(this::reloadIfChanged, ms, ms, TimeUnit.MILLISECONDS);
    }
    onSighup(() -> poller.execute(this::reload));
  }

  /**
   * Reloads when the file's bytes differ from the last ones seen. Comparing content rather than the
   * modification time also catches a rewrite within the file system's timestamp resolution, a file
   * swapped in by a symbolic link (Kubernetes ConfigMaps), and a write that was half done when the
   * previous poll read it.
   */
  private void reloadIfChanged() {
    byte[] now = content();
    if (!Arrays.equals(now, lastContent)) {
      lastContent = now;
      reload();
    }
  }

  /** Reads the file now and applies its budgets; returns false (and logs) when it is invalid. */
  public synchronized boolean reload() {
    try {
      ProcessorConfig next = ConfigLoader.load(file, env);
      target.apply(next);
      LOG.info(
          "budgets reloaded from "
              + file
              + ": "
              + next.budgets().definitions().size()
              + " budgets");
      return true;
    } catch (Exception e) {
      LOG.log(
          Level.SEVERE,
          "config reload failed, keeping the running budgets: " + e.getMessage(),
          e instanceof IllegalArgumentException ? null : e);
      return false;
    }
  }

  /** Returns the file's bytes, or null when it cannot be read (missing, being replaced). */
  private byte[] content() {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Installs a SIGHUP handler through sun.misc.Signal, when present and allowed. */
  private static void onSighup(Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object hup = signal.getConstructor(String.class).newInstance("HUP");
      Object proxy =
          Proxy.newProxyInstance(
              handler.getClassLoader(),
              new Class<?>[] {handler},
              (p, method, args) -> {
                return switch (method.getName()) {
                  case "handle" -> {
                    action.run();
                    yield null;
                  }
                  case "hashCode" -> System.identityHashCode(p);
                  case "equals" -> p == args[0];
                  default -> "sighup-reload";
                };
              });
      signal.getMethod("handle", signal, handler).invoke(null, hup, proxy);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.info("SIGHUP reload unavailable (" + e + "); the file is still watched");
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
