/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.processor;

import io.tokenmeter.it.jvm.RepoLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real collector-processor from {@code dist/}, run as its own process on loopback with every
 * port chosen by the OS; its log goes to {@code target/child-jvms/}.
 */
public final class ProcessorProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("otlp_http=[^:]+:(\\d+) otlp_grpc=[^:]+:(\\d+) metrics=[^:]+:(\\d+)");
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Process process;
  private final Path log;
  private final int httpPort;
  private final int grpcPort;
  private final int metricsPort;

  private ProcessorProcess(Process process, Path log, Matcher ports) {
    this.process = process;
    this.log = log;
    this.httpPort = Integer.parseInt(ports.group(1));
    this.grpcPort = Integer.parseInt(ports.group(2));
    this.metricsPort = Integer.parseInt(ports.group(3));
  }

  /**
   * Starts the processor with these TOKENMETER_* settings (ports and bind address are set here) in
   * its own working directory under target/child-jvms.
   */
  public static ProcessorProcess start(String name, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path workDir = RepoLayout.childLogDir().resolve(name + "-" + RUNS.incrementAndGet());
    Files.createDirectories(workDir);
    Path log = workDir.resolve("processor.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(RepoLayout.dist("tokenmeter-collector-processor.jar").toString());
    command.addAll(List.of(args));
    // Its working directory holds the default ledger file and anything else it writes.
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("TOKENMETER_") || k.startsWith("OTEL_"));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("TOKENMETER_SERVER_BIND_ADDRESS", "127.0.0.1");
    settings.put("TOKENMETER_SERVER_OTLP_HTTP_PORT", "0");
    settings.put("TOKENMETER_SERVER_OTLP_GRPC_PORT", "0");
    settings.put("TOKENMETER_SERVER_METRICS_PORT", "0");
    settings.put("TOKENMETER_SERVER_SHUTDOWN_TIMEOUT_SECONDS", "5");
    settings.putAll(env);
    environment.putAll(settings);
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher ports = LISTENING.matcher(Files.readString(log));
      if (ports.find()) {
        return new ProcessorProcess(process, log, ports);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("processor exited: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "processor did not start within 60 s: " + Files.readString(log));
  }

  public String otlpHttpEndpoint() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int grpcPort() {
    return grpcPort;
  }

  public String metricsBaseUrl() {
    return "http://127.0.0.1:" + metricsPort;
  }

  /** Returns the body of a GET on the metrics port (/metrics, /api/v1/..., /healthz). */
  public String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(metricsBaseUrl() + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + path + " -> " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  public PrometheusText scrape() throws IOException, InterruptedException {
    return PrometheusText.parse(get("/metrics"));
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Stops it gracefully (SIGTERM), and for certain after a few seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
