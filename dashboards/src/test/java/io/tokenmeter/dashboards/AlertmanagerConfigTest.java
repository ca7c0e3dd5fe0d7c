/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** amtool check-config, route tests and template rendering on the example Alertmanager config. */
class AlertmanagerConfigTest {
  private static final Path DIR = Tools.moduleDir().resolve("alertmanager");

  @Test
  void configIsValid() {
    Tools.Result result = amtool("check-config", "alertmanager.yml");
    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS", "1 templates", "1 inhibit rules");
  }

  @ParameterizedTest(name = "{1} -> {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      user-budgets | alertname=LLMBudgetExceeded budget=user-daily scope=user subject=alice period=day severity=critical
      user-budgets | alertname=LLMBudgetWarning budget=user-daily scope=user subject=alice period=day severity=warning
      team-budgets | alertname=LLMBudgetCritical budget=svc scope=service subject=checkout period=month severity=critical
      team-budgets | alertname=LLMBudgetForecastOverrun budget=agents scope=agent subject=planner period=week severity=warning
      finops       | alertname=LLMBudgetExceeded budget=global-monthly scope=global subject=all period=month severity=critical
      finops       | alertname=LLMBudgetWarning budget=per-model scope=model subject=gpt-4o period=day severity=warning
      finops       | alertname=LLMBudgetCritical budget=teams scope=team subject=search period=month severity=critical
      ops          | alertname=TokenmeterProcessorDown instance=p1:9464 job=tokenmeter-processor severity=critical
      ops          | alertname=TokenmeterIngestRejected transport=http reason=bad_request severity=warning
      ops          | alertname=TokenmeterCardinalityOverflow family=user severity=warning
      llm-owners   | alertname=LLMSpendSpike service=chat severity=warning
      llm-owners   | alertname=LLMRunawaySession session=s1 user=alice severity=warning
      llm-owners   | alertname=LLMUnpricedModel provider=acme model=mystery-1 severity=warning
      llm-owners   | alertname=LLMErrorRateHigh service=chat provider=openai severity=warning
      oncall       | alertname=SomethingElse severity=critical
      default      | alertname=SomethingElse severity=info
      """)
  void routes(String receiver, String labels) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "config",
                "routes",
                "test",
                "--config.file=alertmanager.yml",
                "--verify.receivers=" + receiver));
    args.addAll(List.of(labels.trim().split("\\s+")));
    Tools.Result result = amtool(args.toArray(String[]::new));
    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output().lines().filter(l -> !l.startsWith("Warning:")).toList())
        .contains(receiver);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tokenmeter.title", "tokenmeter.text", "tokenmeter.html"})
  void notificationTemplatesRender(String template) {
    Tools.Result result =
        amtool(
            "template",
            "render",
            "--template.glob=templates/*.tmpl",
            "--template.text={{ template \"" + template + "\" . }}");
    assertThat(result.ok()).as(result.output()).isTrue();
  }

  private static Tools.Result amtool(String... args) {
    Path amtool = Tools.require("amtool", "prometheus-alertmanager");
    List<String> command = new ArrayList<>(List.of(amtool.toString()));
    command.addAll(List.of(args));
    return Tools.run(DIR, command);
  }
}
