/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed dashboards are exactly what the generator writes. */
class GeneratedDashboardsTest {
  private static final String HOW =
      "dashboards/grafana is out of date: regenerate with "
          + "`mvn -q -pl contract install && mvn -pl dashboards -q compile exec:java` (from the repository root) and commit the JSON";

  @Test
  void committedJsonMatchesTheGenerator() throws IOException {
    Map<String, String> rendered = DashboardGenerator.render();
    try (Stream<Path> files = Files.list(Dashboards.DIR)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .as(HOW)
          .containsExactlyElementsOf(rendered.keySet().stream().sorted().toList());
    }
    rendered.forEach(
        (file, json) -> {
          try {
            assertThat(Files.readString(Dashboards.DIR.resolve(file)))
                .as(HOW + " (" + file + ")")
                .isEqualTo(json);
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void renderingIsDeterministic() {
    assertThat(DashboardGenerator.render()).isEqualTo(DashboardGenerator.render());
  }

  @Test
  void jsonIsTwoSpaceIndentedWithTrailingNewline() {
    DashboardGenerator.render()
        .values()
        .forEach(
            json -> {
              assertThat(json)
                  .startsWith("{\n  \"annotations\": {")
                  .endsWith("}\n")
                  .doesNotContain("\r", "\t");
            });
  }

  @Test
  void runawayThresholdsMatchTheAlert() {
    String alert =
        RuleFiles.rules(RuleFiles.ALERTS).stream()
            .filter(r -> r.name().equals("LLMRunawaySession"))
            .findFirst()
            .orElseThrow()
            .expr();
    assertThat(alert)
        .contains("> " + (long) SessionsDashboard.RUNAWAY_COST_USD + "\n")
        .contains(
            "> "
                + String.format("%.0e", (double) SessionsDashboard.RUNAWAY_TOKENS)
                    .replace("e+0", "e"));
  }
}
