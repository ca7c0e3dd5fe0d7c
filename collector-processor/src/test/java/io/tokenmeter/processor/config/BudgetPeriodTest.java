/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void weeksStartOnMondayAcrossAYearBoundary() {
    assertThat(BudgetPeriod.WEEK.start(LocalDate.parse("2027-01-01"))) // a Friday
        .isEqualTo(LocalDate.parse("2026-12-28"));
    assertThat(BudgetPeriod.WEEK.start(LocalDate.parse("2026-11-30"))) // a Monday
        .isEqualTo(LocalDate.parse("2026-11-30"));
    assertThat(BudgetPeriod.WEEK.next(LocalDate.parse("2026-12-28")))
        .isEqualTo(LocalDate.parse("2027-01-04"));
  }

  @Test
  void monthsAndDaysAreCalendarPeriods() {
    assertThat(BudgetPeriod.MONTH.start(LocalDate.parse("2026-02-28")))
        .isEqualTo(LocalDate.parse("2026-02-01"));
    assertThat(BudgetPeriod.MONTH.next(LocalDate.parse("2026-02-01")))
        .isEqualTo(LocalDate.parse("2026-03-01"));
    assertThat(BudgetPeriod.DAY.next(LocalDate.parse("2026-12-31")))
        .isEqualTo(LocalDate.parse("2027-01-01"));
  }

  @Test
  void theSpringForwardDayHas23HoursOfElapsedTime() {
    LocalDate day = LocalDate.parse("2026-03-29");
    // 11:30 real hours after local midnight is 12:30 CEST: half of a 23-hour day.
    ZonedDateTime halfway = day.atStartOfDay(BERLIN).plusHours(11).plusMinutes(30);
    assertThat(halfway.toLocalTime()).hasToString("12:30");
    assertThat(BudgetPeriod.DAY.elapsedRatio(day, halfway)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void theFallBackDayHas25HoursOfElapsedTime() {
    LocalDate day = LocalDate.parse("2026-10-25");
    ZonedDateTime halfway = day.atStartOfDay(BERLIN).plusHours(12).plusMinutes(30);
    assertThat(halfway.toLocalTime()).hasToString("11:30");
    assertThat(BudgetPeriod.DAY.elapsedRatio(day, halfway)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void theElapsedRatioOfAMonthIsClampedToItsBounds() {
    LocalDate start = LocalDate.parse("2026-11-01");
    assertThat(BudgetPeriod.MONTH.elapsedRatio(start, start.atStartOfDay(BERLIN))).isZero();
    assertThat(BudgetPeriod.MONTH.elapsedRatio(start, start.plusDays(15).atStartOfDay(BERLIN)))
        .isCloseTo(0.5, within(1e-9));
    assertThat(BudgetPeriod.MONTH.elapsedRatio(start, start.plusDays(40).atStartOfDay(BERLIN)))
        .isEqualTo(1.0);
  }
}
