/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetConfigParserTest {
  @TempDir Path dir;

  @Test
  void readsBudgetsFromTheProcessorYamlWithDefaults() throws Exception {
    Path yaml = dir.resolve("tokenmeter.yaml");
    Files.writeString(
        yaml,
        """
        budgets_time_zone: Europe/Berlin
        budgets:
          - name: team-daily
            scope: global
            period: day
            limit_usd: 10
            warning_ratios: [0.8]
          - name: user-monthly
            scope: user
            subject: "*"
            period: month
            limit_usd: 25.50
        ledger:
          path: /tmp/x.db
          flush_interval_millis: 250
        api:
          auth_token: s3cret
        """);
    ProcessorConfig c = ConfigLoader.load(yaml, Map.of());
    assertThat(c.budgets().timeZone().getId()).isEqualTo("Europe/Berlin");
    assertThat(c.budgets().definitions()).hasSize(2);
    BudgetDefinition daily = c.budgets().definitions().get(0);
    assertThat(daily.subject()).isEqualTo("all");
    assertThat(daily.warningRatios()).extracting(Object::toString).containsExactly("0.8");
    BudgetDefinition user = c.budgets().definitions().get(1);
    assertThat(user.everySubject()).isTrue();
    assertThat(user.limitUsd()).isEqualByComparingTo("25.5");
    assertThat(user.warningRatios()).extracting(Object::toString).containsExactly("0.75", "0.9");
    assertThat(c.ledger().url()).isEqualTo("jdbc:sqlite:/tmp/x.db");
    assertThat(c.ledger().flushInterval().toMillis()).isEqualTo(250);
    assertThat(c.api().authToken()).isEqualTo("s3cret");
  }

  @Test
  void budgetsMayComeFromAnEnvironmentVariable() throws Exception {
    ProcessorConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "TOKENMETER_BUDGETS",
                "[{name: g, scope: global, period: week, limit_usd: 200}]",
                "TOKENMETER_BUDGETS_TIME_ZONE",
                "America/New_York"));
    assertThat(c.budgets().definitions())
        .extracting(b -> b.name() + "/" + b.period().label())
        .containsExactly("g/week");
  }

  @Test
  void defaultsNeedNoBudgets() {
    ProcessorConfig c = ProcessorConfig.defaults();
    assertThat(c.budgets().definitions()).isEmpty();
    assertThat(c.budgets().timeZone().getId()).isEqualTo("UTC");
    assertThat(c.budgets().maxSubjects()).isEqualTo(2000);
    assertThat(c.ledger().url()).isEqualTo("jdbc:sqlite:./tokenmeter-ledger.db");
    assertThat(c.ledger().retentionDays()).isEqualTo(400);
    assertThat(c.ledger().flushInterval().toMillis()).isEqualTo(1000);
  }

  @Test
  void errorsNameTheBudgetAndTheField() {
    assertError(
        "- {name: team-daily, scope: global, period: day, limit_usd: -1}",
        "budget 'team-daily': limit_usd must be > 0, got -1");
    assertError(
        "- {name: team-daily, scope: global, period: day, limit_usd: ten}",
        "budget 'team-daily': limit_usd must be a number, got 'ten'");
    assertError(
        "- {name: q, scope: team, subject: a, period: day, limit_usd: 1}",
        "budget 'q': scope 'team' is not global, service, provider, model, user, agent or a"
            + " dimension listed in budgets_dimensions");
    assertError(
        "- {name: q, scope: user, period: day, limit_usd: 1}",
        "budget 'q': subject is required for scope user");
    assertError(
        "- {name: q, scope: global, period: year, limit_usd: 1}",
        "budget 'q': period must be day, week or month, got 'year'");
    assertError(
        "- {name: q, scope: global, period: day, limit_usd: 1, warning_ratios: [0.9, 0.5]}",
        "budget 'q': warning_ratios must ascend");
    assertError(
        "- {name: q, scope: global, period: day, limit_usd: 1, warning_ratios: [1.2]}",
        "budget 'q': warning_ratios must be between 0 and 1");
    assertError(
        "- {name: q, scope: global, period: day, limt_usd: 1}",
        "budget 'q': unknown field 'limt_usd'");
    assertError("- {scope: global, period: day, limit_usd: 1}", "budgets[0]: name is required");
    assertError(
        """
        - {name: q, scope: global, period: day, limit_usd: 1}
        - {name: q, scope: global, period: week, limit_usd: 1}
        """,
        "budget 'q': name is used twice");
  }

  @Test
  void otherBudgetKeysAreValidatedToo() {
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("TOKENMETER_BUDGETS_TIME_ZONE", "Mars/Olympus")))
        .hasMessageContaining("budgets_time_zone must be an IANA time zone, got 'Mars/Olympus'");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("TOKENMETER_LEDGER_JDBC_URL", "jdbc:mysql://x")))
        .hasMessageContaining("ledger.jdbc_url must start with jdbc:sqlite: or jdbc:postgresql:");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("TOKENMETER_LEDGER_FLUSH_INTERVAL_MILLIS", "0")))
        .hasMessageContaining("ledger.flush_interval_millis must be > 0");
  }

  private static void assertError(String yaml, String message) {
    assertThatThrownBy(() -> BudgetConfigParser.parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aSingleWarningRatioIsAllowed() {
    List<BudgetDefinition> b =
        BudgetConfigParser.parse(
            "- {name: g, scope: global, period: day, limit_usd: 10, warning_ratios: 0.8}");
    assertThat(b.get(0).warningRatios()).hasSize(1);
  }

  private static final String TEAM_BUDGET =
      "[{name: team-daily, scope: team, subject: '*', period: day, limit_usd: 5}]";

  @Test
  void aScopeMayBeADimensionListedInBudgetsDimensions() throws Exception {
    Path yaml = dir.resolve("tokenmeter.yaml");
    Files.writeString(
        yaml,
        """
        budgets_dimensions: [team, tenant]
        budgets:
          - name: team-daily
            scope: team
            subject: "*"
            period: day
            limit_usd: 5
        """);
    ProcessorConfig c = ConfigLoader.load(yaml, Map.of());
    assertThat(c.budgets().dimensions()).containsExactly("team", "tenant");
    BudgetScope scope = c.budgets().definitions().get(0).scope();
    assertThat(scope.isDimension()).isTrue();
    assertThat(scope.label()).isEqualTo("team");
    assertThat(scope).isEqualTo(BudgetScope.dimension("team")).isNotEqualTo(BudgetScope.USER);
    assertThat(scope.hashCode()).isEqualTo(BudgetScope.dimension("team").hashCode());
    assertThat(scope.valueOf(Map.of("team", "search", "user", "alice"))).isEqualTo("search");

    ProcessorConfig env =
        ConfigLoader.load(
            null,
            Map.of(
                "TOKENMETER_BUDGETS_DIMENSIONS",
                " team , tenant",
                "TOKENMETER_BUDGETS",
                TEAM_BUDGET));
    assertThat(env.budgets().dimensions()).containsExactly("team", "tenant");
    assertThat(env.budgets().definitions().get(0).scope().label()).isEqualTo("team");
    assertThat(ProcessorConfig.defaults().budgets().dimensions()).isEmpty();
    Files.writeString(yaml, "budgets_dimensions: []\n");
    assertThat(ConfigLoader.load(yaml, Map.of()).budgets().dimensions()).isEmpty();
  }

  @Test
  void aScopeThatIsNeitherBuiltInNorAListedDimensionIsRefused() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(
                        "TOKENMETER_BUDGETS_DIMENSIONS",
                        "tenant",
                        "TOKENMETER_BUDGETS",
                        TEAM_BUDGET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "budget 'team-daily': scope 'team' is not global, service, provider, model, user,"
                + " agent or a dimension listed in budgets_dimensions");
  }

  @Test
  void aDimensionMustNotClashWithABuiltInScope() {
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("TOKENMETER_BUDGETS_DIMENSIONS", "team,user")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "budgets_dimensions: dimension 'user' clashes with the built-in scope of that name");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("TOKENMETER_BUDGETS_DIMENSIONS", "team,team")))
        .hasMessageContaining("budgets_dimensions: dimension 'team' is listed twice");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("TOKENMETER_BUDGETS_DIMENSIONS", "cost center")))
        .hasMessageContaining("budgets_dimensions: dimension 'cost center' must consist of");
    assertThatThrownBy(() -> BudgetScope.dimension("global"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
