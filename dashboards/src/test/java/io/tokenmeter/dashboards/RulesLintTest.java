/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Mixin conventions for the shipped rules, without running Prometheus. */
class RulesLintTest {
  static final List<String> DOCUMENTED_ALERTS =
      List.of(
          "LLMBudgetWarning",
          "LLMBudgetCritical",
          "LLMBudgetExceeded",
          "LLMBudgetForecastOverrun",
          "LLMSpendSpike",
          "LLMRunawaySession",
          "LLMUnpricedModel",
          "LLMErrorRateHigh",
          "TokenmeterProcessorDown",
          "TokenmeterIngestRejected",
          "TokenmeterCardinalityOverflow");

  /** Rules need fixed windows; these are the ones allowed. */
  static final Set<String> RULE_WINDOWS = Set.of("5m", "1h", "1d");

  private final List<RuleFiles.Rule> alerts = RuleFiles.alerts();
  private final List<RuleFiles.Rule> recordings = RuleFiles.recordings();

  @Test
  void theAlertsAreExactlyThoseOfTheDesign() {
    assertThat(alerts)
        .extracting(RuleFiles.Rule::name)
        .containsExactlyElementsOf(DOCUMENTED_ALERTS);
    assertThat(alerts).allSatisfy(a -> assertThat(a.name()).matches("[A-Z][A-Za-z0-9]+"));
    assertThat(alerts).noneMatch(a -> a.raw().containsKey("record"));
    assertThat(RuleFiles.rules(RuleFiles.RECORDING)).noneMatch(RuleFiles.Rule::alert);
  }

  /**
   * A budget alert must not wait for another group's evaluation: every recording rule it reads is
   * in its own group, before it, so one evaluation records the ratio and alerts on it.
   */
  @Test
  void budgetAlertsReadOnlyRecordingRulesEvaluatedBeforeThemInTheirGroup() {
    for (RuleFiles.Rule alert : alerts) {
      if (!alert.name().startsWith("LLMBudget")) {
        continue;
      }
      for (RuleFiles.Rule recording : recordings) {
        if (alert.expr().contains(recording.name())) {
          assertThat(recording.group())
              .as(alert.name() + " reads " + recording.name())
              .isEqualTo(alert.group());
          assertThat(recording.index())
              .as(alert.name() + " reads " + recording.name())
              .isLessThan(alert.index());
        }
      }
      assertThat(alert.expr()).as(alert.name()).contains(":tokenmeter_budget_");
    }
  }

  @Test
  void everyAlertHasSeverityAnnotationsAndDebounce() {
    for (RuleFiles.Rule alert : alerts) {
      assertThat(alert.labels().get("severity"))
          .as(alert.name())
          .isIn("critical", "warning", "info");
      assertThat(alert.annotations())
          .as(alert.name())
          .containsKeys("summary", "description", "runbook_url", "dashboard_url");
      assertThat(alert.annotations().get("runbook_url"))
          .as(alert.name())
          .endsWith("dashboards/runbook.md#" + alert.name().toLowerCase());
      assertThat(alert.annotations().get("dashboard_url"))
          .as(alert.name())
          .containsPattern("/d/tokenmeter-(overview|models|users|sessions|budgets)\\b");
      assertThat(alert.raw()).as(alert.name()).containsKeys("for", "keep_firing_for");
    }
  }

  @Test
  void budgetAlertsNameTheBudgetSubjectSpentAndLimit() {
    for (RuleFiles.Rule alert : alerts) {
      if (alert.name().startsWith("LLMBudget")) {
        String text = alert.annotations().get("summary") + alert.annotations().get("description");
        assertThat(text)
            .as(alert.name())
            .contains(
                "$labels.budget",
                "$labels.subject",
                "tokenmeter_budget_limit_usd",
                "tokenmeter_budget_spent_usd");
      }
    }
  }

  @Test
  void recordingRulesAreNamedLevelMetricOperations() {
    assertThat(recordings)
        .allSatisfy(
            r -> assertThat(r.name()).matches("[a-z][a-z_]*:tokenmeter_[a-z0-9_]+:[a-z0-9_]+"));
    Set<String> names = recordings.stream().map(RuleFiles.Rule::name).collect(Collectors.toSet());
    assertThat(names).hasSize(recordings.size());
    assertThat(PromqlLint.KNOWN_NAMES)
        .as("processor-metric-names.txt lists every recording rule")
        .containsAll(names);
    Set<String> listedRecordings =
        PromqlLint.KNOWN_NAMES.stream().filter(n -> n.contains(":")).collect(Collectors.toSet());
    assertThat(listedRecordings)
        .as("no stale recording rule in processor-metric-names.txt")
        .isEqualTo(names);
  }

  @Test
  void expressionsUseKnownMetricsAggregateCountersAndAllowedWindows() {
    List<String> problems = new ArrayList<>();
    for (RuleFiles.Rule rule : RuleFiles.allRules()) {
      problems.addAll(PromqlLint.problems(rule.name(), rule.expr(), RULE_WINDOWS));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertIsTestedNotYetFiringAndFiringAndEveryRecordingRuleIsTested() {
    Map<String, Set<String>> cases = new TreeMap<>();
    Set<String> testedExprs = new HashSet<>();
    for (var file : RuleFiles.testFiles()) {
      Map<String, Object> doc = (Map<String, Object>) RuleFiles.yaml(file);
      for (Map<String, Object> test : (List<Map<String, Object>>) doc.get("tests")) {
        for (Map<String, Object> c :
            (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
          List<?> expected = (List<?>) c.get("exp_alerts");
          cases
              .computeIfAbsent((String) c.get("alertname"), k -> new HashSet<>())
              .add(expected == null || expected.isEmpty() ? "not firing" : "firing");
        }
        for (Map<String, Object> c :
            (List<Map<String, Object>>) test.getOrDefault("promql_expr_test", List.of())) {
          testedExprs.add((String) c.get("expr"));
        }
      }
    }
    for (String alert : DOCUMENTED_ALERTS) {
      assertThat(cases.get(alert))
          .as(alert + " has promtool cases")
          .containsExactlyInAnyOrder("not firing", "firing");
    }
    for (RuleFiles.Rule recording : recordings) {
      assertThat(testedExprs)
          .as(recording.name() + " has a promql_expr_test")
          .anyMatch(e -> e.startsWith(recording.name()));
    }
  }

  @Test
  void theRunbookHasASectionPerAlert() throws IOException {
    String runbook = Files.readString(Tools.moduleDir().resolve("runbook.md"));
    for (String alert : DOCUMENTED_ALERTS) {
      assertThat(runbook).as("runbook section for " + alert).contains("\n## " + alert + "\n");
    }
  }
}
