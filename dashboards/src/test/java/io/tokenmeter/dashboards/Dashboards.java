/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The committed dashboards and every PromQL query in them (targets and variable queries). */
public final class Dashboards {
  static final Path DIR = Tools.moduleDir().resolve("grafana");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One query of a dashboard, with where it sits for messages. */
  public record DashboardQuery(String where, String expr, boolean variable) {}

  private Dashboards() {}

  /** File name to parsed dashboard, for the five generated files. */
  static Map<String, JsonNode> committed() {
    Map<String, JsonNode> dashboards = new LinkedHashMap<>();
    for (DashboardGenerator.Entry entry : DashboardGenerator.ENTRIES) {
      try {
        dashboards.put(entry.file(), MAPPER.readTree(DIR.resolve(entry.file()).toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dashboards;
  }

  static List<DashboardQuery> queries(String file, JsonNode dashboard) {
    List<DashboardQuery> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(
            new DashboardQuery(
                file + " / " + panel.path("title").asText() + " / " + target.path("refId").asText(),
                target.path("expr").asText(),
                false));
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        queries.add(
            new DashboardQuery(
                file + " / variable " + variable.path("name").asText(),
                variable.path("query").path("query").asText(),
                true));
      }
    }
    return queries;
  }

  public static List<DashboardQuery> allQueries() {
    List<DashboardQuery> all = new ArrayList<>();
    committed().forEach((file, dashboard) -> all.addAll(queries(file, dashboard)));
    return all;
  }
}
