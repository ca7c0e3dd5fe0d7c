/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.processor.config.ConfigLoader;
import io.tokenmeter.processor.config.ConfigReloader;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.report.ReportCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the processor: {@code java -jar tokenmeter-collector-processor.jar [--config file.yaml]},
 * or runs {@code report [options]} against the ledger.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // JVM-wide settings, made here before anything logs or any server is created:
    // - a log manager that keeps logging during the shutdown hook (the default one resets first);
    // - TCP_NODELAY on the JDK HTTP server's sockets: without it the server's separate header and
    //   body writes meet delayed ACKs (~40 ms per response).
    setIfAbsent("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    configureLogging();
    Logger log = Logger.getLogger(Main.class.getName());
    if (args.length > 0 && args[0].equals("report")) {
      System.exit(
          ReportCommand.run(
              Arrays.copyOfRange(args, 1, args.length),
              System.out,
              System.err,
              System.getenv(),
              Clock.systemUTC()));
      return;
    }
    Processor processor;
    Path file = configFile(args);
    ProcessorConfig config;
    try {
      config = ConfigLoader.load(file, System.getenv());
      processor =
          new Processor(config, PriceCatalog.bundledWithOverrides(config.pricing().overrideFile()));
    } catch (IllegalArgumentException e) {
      log.severe("invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    } catch (IOException e) {
      log.severe("cannot start: " + e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(processor::close, "shutdown"));
    try {
      processor.start();
    } catch (IOException e) {
      log.severe("cannot start: " + e);
      System.exit(1);
    }
    if (file != null) {
      new ConfigReloader(file, System.getenv(), processor::reload)
          .start(config.budgets().reloadInterval());
    }
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private static Path configFile(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    String env = System.getenv("TOKENMETER_CONFIG");
    return env == null || env.isEmpty() ? null : Path.of(env);
  }

  private static void configureLogging() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Handler handler = new ConsoleHandler();
    handler.setFormatter(new OneLineLogFormatter());
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.INFO);
  }
}
