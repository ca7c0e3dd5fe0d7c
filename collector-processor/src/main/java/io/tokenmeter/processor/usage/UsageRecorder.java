/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.usage;

import io.tokenmeter.processor.ledger.UsageKey;
import io.tokenmeter.processor.normalize.GenAiCall;
import io.tokenmeter.processor.price.PricedCall;
import io.tokenmeter.processor.price.PricedCallListener;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Adds every priced call to the daily usage rollups, in memory; the ledger flusher writes them. A
 * call's day is the day it is received, read from the injected clock, in the budget time zone.
 */
public final class UsageRecorder implements PricedCallListener {
  private final UsageAccumulator usage;
  private final Clock clock;
  private volatile ZoneId zone;
  private volatile Day today;

  public UsageRecorder(UsageAccumulator usage, Clock clock, ZoneId zone) {
    this.usage = usage;
    this.clock = clock;
    this.zone = zone;
  }

  /** A calendar day in a zone with its bounds, cached until the day or the zone changes. */
  private record Day(ZoneId zone, LocalDate date, long fromMillis, long toMillis) {
    static Day of(ZoneId zone, long nowMillis) {
      LocalDate date = Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate();
      return new Day(
          zone,
          date,
          date.atStartOfDay(zone).toInstant().toEpochMilli(),
          date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
    }

    boolean holds(ZoneId z, long nowMillis) {
      return zone.equals(z) && nowMillis >= fromMillis && nowMillis < toMillis;
    }
  }

  /** Places calls from now on in days of {@code next} (a reloaded budgets_time_zone). */
  public void timeZone(ZoneId next) {
    this.zone = next;
  }

  @Override
  public void onPricedCall(PricedCall priced) {
    onPricedCalls(List.of(priced));
  }

  /** Adds the calls of one export request, reading the clock and the day once. */
  @Override
  public void onPricedCalls(List<PricedCall> calls) {
    long now = clock.millis();
    LocalDate day = day(now);
    for (int i = 0, n = calls.size(); i < n; i++) {
      PricedCall priced = calls.get(i);
      GenAiCall c = priced.call();
      usage.add(
          UsageKey.of(day, c.service(), c.provider(), c.model(), c.user(), c.agent(), c.session()),
          priced.tokens(),
          priced.priced() ? priced.cost().total() : 0,
          now);
    }
  }

  private LocalDate day(long nowMillis) {
    ZoneId z = zone;
    Day d = today;
    if (d == null || !d.holds(z, nowMillis)) {
      d = Day.of(z, nowMillis);
      today = d;
    }
    return d.date();
  }
}
