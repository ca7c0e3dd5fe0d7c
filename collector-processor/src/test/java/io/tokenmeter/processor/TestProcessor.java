/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import com.google.protobuf.Message;
import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.processor.config.ConfigLoader;
import io.tokenmeter.processor.config.ProcessorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A processor on loopback with every port ephemeral, plus a client for it. */
final class TestProcessor implements AutoCloseable {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";
  static final PriceCatalog CATALOG = PriceCatalog.bundled();

  final Processor processor;
  private Path ledgerDir;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestProcessor(Processor processor) {
    this.processor = processor;
  }

  static TestProcessor start(String... settings) throws IOException {
    return start(Clock.systemUTC(), settings);
  }

  /** Starts with {@code clock}; the ledger is a fresh SQLite file unless settings name one. */
  static TestProcessor start(Clock clock, String... settings) throws IOException {
    Path ledgerDir = Files.createTempDirectory("tokenmeter-ledger");
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                "server.bind_address", "127.0.0.1",
                "server.otlp_http_port", "0",
                "server.otlp_grpc_port", "0",
                "server.metrics_port", "0",
                "server.shutdown_timeout_seconds", "5",
                "ledger.path", ledgerDir.resolve("ledger.db").toString()));
    for (int i = 0; i < settings.length; i += 2) {
      values.put(settings[i], settings[i + 1]);
    }
    ProcessorConfig config = ConfigLoader.fromValues(values);
    Processor p = new Processor(config, CATALOG, clock);
    p.start();
    TestProcessor t = new TestProcessor(p);
    t.ledgerDir = ledgerDir;
    return t;
  }

  URI otlp(String path) {
    return URI.create("http://127.0.0.1:" + processor.otlpHttpPort() + path);
  }

  HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(otlp(path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> postProtobuf(Message request) throws IOException, InterruptedException {
    return post("/v1/traces", PROTOBUF, request.toByteArray());
  }

  HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
    return api(path, accept == null ? new String[0] : new String[] {"Accept", accept});
  }

  /** GET on the metrics port with headers as alternating name, value. */
  HttpResponse<String> api(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.metricsPort() + path))
            .GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  Scrape scrape() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/metrics", null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("scrape failed: " + r.statusCode());
    }
    return new Scrape(r.body());
  }

  @Override
  public void close() {
    processor.close();
    try (Stream<Path> files = Files.walk(ledgerDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }
}
