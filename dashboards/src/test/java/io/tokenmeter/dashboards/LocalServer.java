/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A prometheus or alertmanager process on a free loopback port, with its data under target/. It is
 * stopped by {@link #close()} and, should the test JVM die first, by a shutdown hook.
 */
public final class LocalServer implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Process process;
  private final Thread hook;
  public final String baseUrl;
  public final Path log;

  private LocalServer(Process process, String baseUrl, Path log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
    this.hook = new Thread(process::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts binary with args; "{port}" and "{dir}" in args are replaced. Waits for readyPath. */
  public static LocalServer start(Path binary, String name, String readyPath, List<String> args)
      throws IOException {
    Path dir = Tools.moduleDir().resolve("target/" + name + "-" + System.nanoTime());
    Files.createDirectories(dir);
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    for (String arg : args) {
      command.add(arg.replace("{port}", String.valueOf(port)).replace("{dir}", dir.toString()));
    }
    Path log = dir.resolve("server.log");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    LocalServer server = new LocalServer(process, "http://127.0.0.1:" + port, log);
    server.awaitReady(readyPath);
    return server;
  }

  private void awaitReady(String path) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("server exited: " + Files.readString(log));
      }
      try {
        if (get(path).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(200);
    }
    close();
    throw new IOException("server not ready in 30 s: " + Files.readString(log));
  }

  public HttpResponse<String> get(String pathAndQuery) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET());
  }

  public HttpResponse<String> postJson(String path, String json) throws IOException {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
