/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** promtool check rules / test rules / check config on the shipped files. */
class PromtoolTest {
  @Test
  void rulesPassPromtoolCheck() {
    Path promtool = Tools.require("promtool", "prometheus");
    Tools.Result result =
        Tools.run(
            RuleFiles.RULES,
            List.of(
                promtool.toString(),
                "check",
                "rules",
                "tokenmeter-recording.yml",
                "tokenmeter-alerts.yml"));
    assertThat(result.ok()).as(result.output()).isTrue();
  }

  static Stream<Path> testFiles() {
    return RuleFiles.testFiles().stream();
  }

  @ParameterizedTest(name = "promtool test rules {0}")
  @MethodSource("testFiles")
  void unitTestsPass(Path testFile) {
    Path promtool = Tools.require("promtool", "prometheus");
    Tools.Result result =
        Tools.run(
            RuleFiles.TESTS,
            List.of(promtool.toString(), "test", "rules", testFile.getFileName().toString()));
    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void examplePrometheusConfigIsValid() {
    Path promtool = Tools.require("promtool", "prometheus");
    Tools.Result result =
        Tools.run(
            Tools.moduleDir().resolve("prometheus"),
            List.of(promtool.toString(), "check", "config", "prometheus.yml"));
    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output()).contains("2 rule files found");
  }
}
