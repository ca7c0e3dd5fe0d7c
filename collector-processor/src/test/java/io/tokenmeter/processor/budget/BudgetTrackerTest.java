/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.budget;

import static io.tokenmeter.processor.budget.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tokenmeter.processor.config.BudgetConfigParser;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.ledger.SpendKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetTrackerTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final MutableClock clock = MutableClock.at("2026-03-28T12:00:00+01:00");

  static ProcessorConfig.Budgets budgets(ZoneId zone, int maxSubjects, String yaml) {
    return new ProcessorConfig.Budgets(
        BudgetConfigParser.parse(yaml), zone, maxSubjects, Duration.ZERO);
  }

  private BudgetTracker tracker(String yaml) {
    return new BudgetTracker(budgets(BERLIN, 2000, yaml), clock);
  }

  private static BigDecimal spent(BudgetTracker t, String budget, String subject) {
    return t.statuses().stream()
        .filter(s -> s.budget().name().equals(budget) && s.subject().equals(subject))
        .findFirst()
        .map(BudgetStatus::spentUsd)
        .orElse(null);
  }

  private static String state(BudgetTracker t, String budget, String subject) {
    return t.statuses().stream()
        .filter(s -> s.budget().name().equals(budget) && s.subject().equals(subject))
        .findFirst()
        .map(s -> s.state().label())
        .orElse(null);
  }

  @Test
  void dayWeekAndMonthRollOverAtLocalMidnightAcrossTheSpringDstChange() {
    BudgetTracker t =
        tracker(
            """
            - {name: d, scope: global, period: day, limit_usd: 100}
            - {name: w, scope: global, period: week, limit_usd: 100}
            - {name: m, scope: global, period: month, limit_usd: 100}
            """);
    clock.set("2026-03-28T23:59:59+01:00"); // Saturday, CET
    t.onPricedCall(call("svc", "alice", null, "1"));
    clock.set("2026-03-29T00:00:00+01:00"); // Sunday 00:00: a new day, same week and month
    t.onPricedCall(call("svc", "alice", null, "2"));
    assertThat(spent(t, "d", "all")).isEqualByComparingTo("2");
    assertThat(spent(t, "w", "all")).isEqualByComparingTo("3");
    clock.set("2026-03-29T23:59:59+02:00"); // still Sunday, now CEST: a 23-hour day
    t.onPricedCall(call("svc", "alice", null, "4"));
    assertThat(spent(t, "d", "all")).isEqualByComparingTo("6");
    clock.set("2026-03-30T00:00:00+02:00"); // Monday: new day and new ISO week
    t.onPricedCall(call("svc", "alice", null, "8"));
    assertThat(spent(t, "d", "all")).isEqualByComparingTo("8");
    assertThat(spent(t, "w", "all")).isEqualByComparingTo("8");
    assertThat(spent(t, "m", "all")).isEqualByComparingTo("15");
    clock.set("2026-04-01T00:00:00+02:00"); // Wednesday: new month, same week
    t.onPricedCall(call("svc", "alice", null, "16"));
    assertThat(spent(t, "m", "all")).isEqualByComparingTo("16");
    assertThat(spent(t, "w", "all")).isEqualByComparingTo("24");
    BudgetStatus month =
        t.statuses().stream().filter(s -> s.budget().name().equals("m")).findFirst().orElseThrow();
    assertThat(month.periodStart()).hasToString("2026-04-01T00:00+02:00[Europe/Berlin]");
    assertThat(month.periodEnd()).hasToString("2026-05-01T00:00+02:00[Europe/Berlin]");
  }

  @Test
  void theDayRollsOverAtLocalMidnightOnTheAutumnDstChange() {
    BudgetTracker t = tracker("- {name: d, scope: global, period: day, limit_usd: 10}");
    clock.set("2026-10-25T02:30:00+02:00"); // first 02:30 (CEST)
    t.onPricedCall(call("svc", "alice", null, "1"));
    clock.set("2026-10-25T02:30:00+01:00"); // the same wall time again, an hour later (CET)
    t.onPricedCall(call("svc", "alice", null, "1"));
    clock.set("2026-10-25T23:59:59+01:00"); // 25 hours after midnight minus a second
    t.onPricedCall(call("svc", "alice", null, "1"));
    assertThat(spent(t, "d", "all")).isEqualByComparingTo("3");
    BudgetStatus s = t.statuses().get(0);
    assertThat(s.periodStart()).hasToString("2026-10-25T00:00+02:00[Europe/Berlin]");
    assertThat(s.periodEnd()).hasToString("2026-10-26T00:00+01:00[Europe/Berlin]");
    clock.set("2026-10-26T00:00:00+01:00");
    assertThat(spent(t, "d", "all")).isZero(); // a global budget shows its new period at once
    assertThat(t.statuses().get(0).periodStart())
        .hasToString("2026-10-26T00:00+01:00[Europe/Berlin]");
  }

  @Test
  void everySubjectBudgetsChargeEachValueSeparatelyAndNamedOnesOnlyTheirValue() {
    BudgetTracker t =
        tracker(
            """
            - {name: per-user, scope: user, subject: '*', period: month, limit_usd: 10}
            - {name: alice-only, scope: user, subject: alice, period: month, limit_usd: 10}
            - {name: per-model, scope: model, subject: '*', period: day, limit_usd: 10}
            """);
    t.onPricedCall(call("svc", "alice", "s1", "1.5"));
    t.onPricedCall(call("svc", "bob", "s2", "2"));
    t.onPricedCall(call("svc", null, "s3", "4")); // no user: no user budget applies
    assertThat(spent(t, "per-user", "alice")).isEqualByComparingTo("1.5");
    assertThat(spent(t, "per-user", "bob")).isEqualByComparingTo("2");
    assertThat(spent(t, "alice-only", "alice")).isEqualByComparingTo("1.5");
    assertThat(spent(t, "per-model", "gpt-4o-mini")).isEqualByComparingTo("7.5");
    assertThat(t.statuses())
        .extracting(s -> s.budget().name() + "/" + s.subject())
        .containsExactly(
            "per-user/alice", "per-user/bob", "alice-only/alice", "per-model/gpt-4o-mini");
    assertThat(t.isNamedUserSubject("alice")).isTrue();
    assertThat(t.isNamedUserSubject("bob")).isFalse();
  }

  @Test
  void statesMoveAtTheConfiguredRatios() {
    BudgetTracker t =
        tracker(
            """
            - {name: q, scope: user, subject: '*', period: month, limit_usd: 100,
               warning_ratios: [0.5, 0.8]}
            """);
    t.onPricedCall(call("svc", "alice", null, "49.999999"));
    assertThat(state(t, "q", "alice")).isEqualTo("ok");
    t.onPricedCall(call("svc", "alice", null, "0.000001"));
    assertThat(state(t, "q", "alice")).isEqualTo("warning");
    t.onPricedCall(call("svc", "alice", null, "29.99"));
    assertThat(state(t, "q", "alice")).isEqualTo("warning");
    t.onPricedCall(call("svc", "alice", null, "0.01"));
    assertThat(state(t, "q", "alice")).isEqualTo("critical");
    t.onPricedCall(call("svc", "alice", null, "19.99"));
    assertThat(state(t, "q", "alice")).isEqualTo("critical");
    t.onPricedCall(call("svc", "alice", null, "0.01"));
    assertThat(state(t, "q", "alice")).isEqualTo("exceeded");
    BudgetStatus s = t.statuses().get(0);
    assertThat(s.remainingUsd()).isEqualByComparingTo("0");
  }

  @Test
  void gaugesBoundEverySubjectBudgetsButAlwaysShowSubjectsInWarning() {
    BudgetTracker t =
        new BudgetTracker(
            budgets(
                BERLIN, 3, "- {name: u, scope: user, subject: '*', period: day, limit_usd: 10}"),
            clock);
    for (int i = 0; i < 10; i++) {
      t.onPricedCall(call("svc", "user-" + i, null, "1"));
    }
    t.onPricedCall(call("svc", "user-8", null, "7.5")); // 8.5 of 10: past 0.75
    assertThat(t.statuses()).hasSize(10);
    assertThat(t.gaugeStatuses())
        .extracting(BudgetStatus::subject, s -> s.state().label())
        .containsExactly(
            tuple("user-0", "ok"),
            tuple("user-1", "ok"),
            tuple("user-2", "ok"),
            tuple("user-8", "warning"));
  }

  @Test
  void aRestartedTrackerResumesFromStoredSpendAndDrainsOnlyNewDeltas() {
    String yaml = "- {name: m, scope: user, subject: '*', period: month, limit_usd: 10}";
    BudgetTracker t = tracker(yaml);
    t.load(
        Map.of(
            new SpendKey("m", "alice", "month", LocalDate.parse("2026-03-01")),
            2_500_000_000_000L));
    t.onPricedCall(call("svc", "alice", null, "1"));
    assertThat(spent(t, "m", "alice")).isEqualByComparingTo("3.5");
    assertThat(t.drainSpend())
        .containsExactly(
            Map.entry(
                new SpendKey("m", "alice", "month", LocalDate.parse("2026-03-01")),
                1_000_000_000_000L));
    assertThat(t.drainSpend()).isEmpty();
  }

  @Test
  void checkListsEveryApplicableBudgetAndGlobalOnesAlways() {
    BudgetTracker t =
        tracker(
            """
            - {name: g, scope: global, period: day, limit_usd: 10}
            - {name: u, scope: user, subject: '*', period: month, limit_usd: 1}
            - {name: s, scope: service, subject: billing, period: month, limit_usd: 5}
            """);
    t.onPricedCall(call("billing", "alice", null, "1"));
    List<BudgetStatus> a = t.applicable(Map.of("user", "alice", "service", "billing"));
    assertThat(a)
        .extracting(s -> s.budget().name(), BudgetStatus::exceeded)
        .containsExactly(tuple("g", false), tuple("u", true), tuple("s", false));
    assertThat(t.applicable(Map.of("user", "bob")))
        .extracting(s -> s.budget().name(), BudgetStatus::exceeded)
        .containsExactly(tuple("g", false), tuple("u", false));
  }

  @Test
  void aDimensionBudgetChargesEachValueOfItsSpanAttributeSeparately() {
    BudgetTracker t =
        new BudgetTracker(
            new ProcessorConfig.Budgets(
                BudgetConfigParser.parse(
                    """
                    - {name: team-daily, scope: team, subject: '*', period: day, limit_usd: 1}
                    - {name: search-only, scope: team, subject: search, period: day, limit_usd: 2}
                    """,
                    List.of("team")),
                BERLIN,
                2000,
                Duration.ZERO,
                List.of("team")),
            clock);
    t.onPricedCall(call("alice", Map.of("team", "search"), "0.1"));
    t.onPricedCall(call("bob", Map.of("team", "search", "tenant", "acme"), "0.2"));
    t.onPricedCall(call("carol", Map.of("team", "ads"), "0.3"));
    t.onPricedCall(call("dave", Map.of(), "5")); // no dimension: not charged
    t.onPricedCall(call("erin", Map.of("tenant", "search"), "5")); // another dimension
    assertThat(t.statuses())
        .extracting(s -> s.budget().name(), BudgetStatus::subject, s -> s.state().label())
        .containsExactlyInAnyOrder(
            tuple("team-daily", "search", "ok"),
            tuple("team-daily", "ads", "ok"),
            tuple("search-only", "search", "ok"));
    assertThat(spent(t, "team-daily", "search")).isEqualByComparingTo("0.3");
    assertThat(spent(t, "team-daily", "ads")).isEqualByComparingTo("0.3");
    assertThat(spent(t, "search-only", "search")).isEqualByComparingTo("0.3");

    t.onPricedCall(call("alice", Map.of("team", "search"), "0.7"));
    assertThat(spent(t, "team-daily", "search")).isEqualByComparingTo("1.0");
    assertThat(state(t, "team-daily", "search")).isEqualTo("exceeded");
    assertThat(state(t, "team-daily", "ads")).isEqualTo("ok");
    assertThat(t.applicable(Map.of("team", "search")))
        .extracting(s -> s.budget().name(), BudgetStatus::exceeded)
        .containsExactly(tuple("team-daily", true), tuple("search-only", false));
    assertThat(t.applicable(Map.of("user", "alice"))).isEmpty();
  }
}
