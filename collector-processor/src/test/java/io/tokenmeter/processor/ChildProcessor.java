/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The processor's real {@code Main} in a child JVM with the test's class path. */
final class ChildProcessor implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("otlp_http=[^ ]+:(\\d+) .*metrics=[^ ]+:(\\d+)");

  final Process process;
  final Path log;
  final int otlpPort;
  final int metricsPort;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ChildProcessor(Process process, Path log, int otlpPort, int metricsPort) {
    this.process = process;
    this.log = log;
    this.otlpPort = otlpPort;
    this.metricsPort = metricsPort;
  }

  static ChildProcessor start(Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "io.tokenmeter.processor.Main",
            "--config",
            config.toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("TOKENMETER_"));
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      Matcher m = LISTENING.matcher(text);
      if (m.find()) {
        return new ChildProcessor(
            p, log, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("processor exited " + p.exitValue() + ":\n" + text);
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new IllegalStateException("processor did not start:\n" + Files.readString(log));
  }

  int post(byte[] protobuf) throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + otlpPort + "/v1/traces"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(protobuf))
            .build();
    return client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  String get(String path) throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IllegalStateException(path + " -> " + resp.statusCode() + ": " + resp.body());
    }
    return resp.body();
  }

  /** SIGTERM, then waits for the graceful exit. */
  void stop() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("processor did not stop on SIGTERM");
    }
  }

  /** SIGKILL: no shutdown hook, no final flush. */
  void kill() throws Exception {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
