/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The bits of Prometheus' HTTP API the alert benchmark polls. */
final class PrometheusApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  PrometheusApi(int port) {
    this.port = port;
  }

  void awaitReady(ToolProcess am, ToolProcess prom, int amPort) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!am.alive() || !prom.alive()) {
        throw new IllegalStateException(
            "prometheus or alertmanager exited:\n"
                + Files.readString(prom.log)
                + "\n"
                + Files.readString(am.log));
      }
      if (ok("http://127.0.0.1:" + port + "/-/ready")
          && ok("http://127.0.0.1:" + amPort + "/-/ready")
          && value("up{job=\"tokenmeter-processor\"}") == 1) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "Prometheus never scraped the processor:\n" + Files.readString(prom.log));
  }

  void awaitValue(String query, double atLeast, long timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      if (value(query) >= atLeast) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Prometheus never saw " + query + " >= " + atLeast);
  }

  private boolean ok(String url) {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /** Returns the first sample of an instant query, or NaN when there is none. */
  double value(String query) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + port
                              + "/api/v1/query?query="
                              + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode result = JSON.readTree(r.body()).path("data").path("result");
      return result.size() == 0 ? Double.NaN : result.get(0).path("value").get(1).asDouble();
    } catch (Exception e) {
      return Double.NaN;
    }
  }
}
