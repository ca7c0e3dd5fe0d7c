/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real processor ({@code dist/tokenmeter-collector-processor.jar}) in a child JVM on loopback
 * and ephemeral ports, configured by {@code TOKENMETER_*} environment variables, with its ledger in
 * a temporary directory.
 */
final class ProcessorProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("otlp_http=[^ ]*:(\\d+) otlp_grpc=[^ ]*:(\\d+) metrics=[^ ]*:(\\d+)");

  private final Process process;
  private final Path dir;
  private final Path log;
  final int httpPort;
  final int grpcPort;
  final int metricsPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ProcessorProcess(Process process, Path dir, Path log, int[] ports) {
    this.process = process;
    this.dir = dir;
    this.log = log;
    this.httpPort = ports[0];
    this.grpcPort = ports[1];
    this.metricsPort = ports[2];
  }

  /** Starts the processor with {@code settings} (TOKENMETER_* variables) and extra JVM options. */
  static ProcessorProcess start(Map<String, String> settings, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("tokenmeter-bench-processor");
    Path log = dir.resolve("processor.log");
    List<String> command = new ArrayList<>();
    command.add(RepoPaths.java());
    command.addAll(jvmOptions);
    command.addAll(launch());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(new File("/dev/null"));
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("TOKENMETER_") || k.startsWith("OTEL_"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TOKENMETER_SERVER_BIND_ADDRESS", "127.0.0.1");
    env.put("TOKENMETER_SERVER_OTLP_HTTP_PORT", "0");
    env.put("TOKENMETER_SERVER_OTLP_GRPC_PORT", "0");
    env.put("TOKENMETER_SERVER_METRICS_PORT", "0");
    env.put("TOKENMETER_LEDGER_PATH", dir.resolve("ledger.db").toString());
    env.putAll(settings);
    builder.environment().putAll(env);
    Process process = builder.start();
    CompletableFuture<int[]> ports = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader reader =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  var writer = Files.newBufferedWriter(log)) {
                String line;
                while ((line = reader.readLine()) != null) {
                  writer.write(line);
                  writer.newLine();
                  writer.flush();
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    ports.complete(
                        new int[] {
                          Integer.parseInt(m.group(1)),
                          Integer.parseInt(m.group(2)),
                          Integer.parseInt(m.group(3))
                        });
                  }
                }
              } catch (IOException e) {
                ports.completeExceptionally(e);
              }
              ports.completeExceptionally(new IllegalStateException("processor exited"));
            },
            "processor-log");
    pump.setDaemon(true);
    pump.start();
    try {
      return new ProcessorProcess(process, dir, log, ports.get(120, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "processor did not start: " + e + "\n" + (Files.exists(log) ? Files.readString(log) : ""),
          e);
    }
  }

  /**
   * {@code -jar dist/tokenmeter-collector-processor.jar}, or {@code -cp
   * <tokenmeter.processor.classpath> io.tokenmeter.processor.Main} when that system property names
   * another build of the processor.
   */
  static List<String> launch() {
    String classpath = System.getProperty("tokenmeter.processor.classpath");
    if (classpath != null && !classpath.isBlank()) {
      return List.of("-cp", classpath, "io.tokenmeter.processor.Main");
    }
    return List.of("-jar", RepoPaths.dist("tokenmeter-collector-processor.jar").toString());
  }

  /** Names the processor build in use, for the tables' headers. */
  static String describe() throws IOException {
    String classpath = System.getProperty("tokenmeter.processor.classpath");
    if (classpath != null && !classpath.isBlank()) {
      return "classpath " + classpath.split(File.pathSeparator)[0] + "...";
    }
    Path jar = RepoPaths.dist("tokenmeter-collector-processor.jar");
    return jar + " (built " + Files.getLastModifiedTime(jar) + ")";
  }

  long pid() {
    return process.pid();
  }

  String otlpHttpEndpoint() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Returns the Prometheus text of {@code /metrics}. */
  String scrape() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /**
   * Returns the sum of the samples of {@code metric} whose labels contain all of {@code labels}.
   */
  static double sum(String prometheusText, String metric, String... labels) {
    double total = 0;
    for (String line : prometheusText.split("\n")) {
      if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        all &= line.contains(l);
      }
      if (all) {
        String[] parts = line.trim().split(" ");
        total += Double.parseDouble(parts[parts.length - 1]);
      }
    }
    return total;
  }

  /** Runs a jcmd command against the processor and returns its output. */
  String jcmd(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    command.add(Long.toString(process.pid()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return output;
  }

  String logText() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try (var files = Files.walk(dir)) {
      files
          .sorted(java.util.Comparator.reverseOrder())
          .filter(p -> !p.getFileName().toString().endsWith(".jfr"))
          .forEach(p -> p.toFile().delete());
    }
  }
}
