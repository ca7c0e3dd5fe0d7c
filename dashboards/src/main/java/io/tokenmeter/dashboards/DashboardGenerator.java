/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes the five Grafana dashboards to {@code dashboards/grafana/*.json}. The output is
 * deterministic, so the committed files are compared with a fresh rendering in the tests.
 *
 * <p>Run with {@code mvn -pl dashboards -q compile exec:java} from the repository root.
 */
public final class DashboardGenerator {
  /** One dashboard: its file, stable uid, title and builder. */
  record Entry(String file, String uid, String title, Supplier<Map<String, Object>> builder) {}

  static final List<Entry> ENTRIES =
      List.of(
          new Entry(
              "overview.json",
              "tokenmeter-overview",
              "LLM Cost / Overview",
              OverviewDashboard::build),
          new Entry(
              "models.json", "tokenmeter-models", "LLM Cost / Models", ModelsDashboard::build),
          new Entry("users.json", "tokenmeter-users", "LLM Cost / Users", UsersDashboard::build),
          new Entry(
              "sessions.json",
              "tokenmeter-sessions",
              "LLM Cost / Sessions",
              SessionsDashboard::build),
          new Entry(
              "budgets.json", "tokenmeter-budgets", "LLM Cost / Budgets", BudgetsDashboard::build));

  private DashboardGenerator() {}

  /** File name to JSON text, in a fixed order. */
  public static Map<String, String> render() {
    Map<String, String> files = new LinkedHashMap<>();
    for (Entry entry : ENTRIES) {
      files.put(entry.file(), Json.write(entry.builder().get()));
    }
    return files;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "dashboards/grafana");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> file : render().entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      System.out.println("wrote " + dir.resolve(file.getKey()));
    }
  }
}
