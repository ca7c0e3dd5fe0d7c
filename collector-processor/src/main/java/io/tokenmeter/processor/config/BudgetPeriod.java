/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** A calendar period of a budget: a day, an ISO week (Monday first) or a month, in a time zone. */
public enum BudgetPeriod {
  DAY,
  WEEK,
  MONTH;

  /** Returns the label value used in metrics and the API. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the first day of the period that contains {@code day}. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** Returns the first day of the period after the one starting on {@code start}. */
  public LocalDate next(LocalDate start) {
    return switch (this) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
    };
  }

  /**
   * Returns the share of the period starting on {@code start} that has elapsed at {@code now},
   * measured in real time, so a 23-hour DST day is half over after 11.5 hours.
   */
  public double elapsedRatio(LocalDate start, ZonedDateTime now) {
    ZoneId zone = now.getZone();
    long from = start.atStartOfDay(zone).toInstant().toEpochMilli();
    long to = next(start).atStartOfDay(zone).toInstant().toEpochMilli();
    double ratio = (double) (now.toInstant().toEpochMilli() - from) / (to - from);
    return Math.max(0, Math.min(1, ratio));
  }

  /** Returns the period named {@code label}, or null. */
  static BudgetPeriod parse(String label) {
    for (BudgetPeriod p : values()) {
      if (p.label().equals(label)) {
        return p;
      }
    }
    return null;
  }
}
