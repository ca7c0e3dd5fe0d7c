/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Small HTTP, JSON and Prometheus-text helpers for the demo driver and report. */
final class DemoHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private DemoHttp() {}

  /** GET; returns the body of a 200 answer, else throws naming the URL and status. */
  static String get(String url) throws IOException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    if (r.statusCode() != 200) {
      throw new IOException("GET " + url + " -> " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  static JsonNode getJson(String url) throws IOException {
    return JSON.readTree(get(url));
  }

  static HttpResponse<String> send(HttpRequest.Builder request, String what) throws IOException {
    try {
      return CLIENT.send(
          request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + what, e);
    }
  }

  /**
   * Sums the samples of one metric family in Prometheus text format whose labels pass the filter,
   * grouped by one label (or "" for a plain total when {@code byLabel} is null).
   */
  static Map<String, Double> sumBy(
      String text, String metric, String byLabel, Predicate<Map<String, String>> filter) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(metric)) {
        continue;
      }
      int brace = line.indexOf('{');
      int space;
      Map<String, String> labels;
      if (brace == metric.length()) {
        int close = line.lastIndexOf('}');
        labels = labels(line.substring(brace + 1, close));
        space = close + 1;
      } else if (line.length() > metric.length() && line.charAt(metric.length()) == ' ') {
        labels = Map.of();
        space = metric.length();
      } else {
        continue; // another family with this prefix
      }
      String[] rest = line.substring(space).trim().split("\\s+");
      double v;
      try {
        v = Double.parseDouble(rest[0]);
      } catch (NumberFormatException e) {
        continue;
      }
      if (!filter.test(labels)) {
        continue;
      }
      String key = byLabel == null ? "" : labels.getOrDefault(byLabel, "");
      out.merge(key, v, Double::sum);
    }
    return out;
  }

  static double sum(String text, String metric) {
    return sumBy(text, metric, null, l -> true).getOrDefault("", 0.0);
  }

  private static Map<String, String> labels(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    while (i < s.length()) {
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = s.substring(i, eq).trim();
      int q = s.indexOf('"', eq);
      StringBuilder v = new StringBuilder();
      int j = q + 1;
      for (; j < s.length(); j++) {
        char c = s.charAt(j);
        if (c == '\\' && j + 1 < s.length()) {
          char n = s.charAt(++j);
          v.append(n == 'n' ? '\n' : n);
        } else if (c == '"') {
          break;
        } else {
          v.append(c);
        }
      }
      out.put(name, v.toString());
      int comma = s.indexOf(',', j);
      i = comma < 0 ? s.length() : comma + 1;
    }
    return out;
  }
}
