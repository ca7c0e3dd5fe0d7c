/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.budget;

import io.tokenmeter.processor.config.BudgetDefinition;
import io.tokenmeter.processor.config.BudgetPeriod;
import io.tokenmeter.processor.config.BudgetScope;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.ledger.Money;
import io.tokenmeter.processor.ledger.SpendKey;
import io.tokenmeter.processor.normalize.GenAiCall;
import io.tokenmeter.processor.price.PricedCall;
import io.tokenmeter.processor.price.PricedCallListener;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Charges every priced call to each budget subject it falls under, in memory; the ledger flusher
 * writes the deltas. Calls are placed in days and periods by the time they are received, read from
 * the injected clock, in the budget time zone.
 */
public final class BudgetTracker implements PricedCallListener {
  private final Clock clock;
  private final ConcurrentHashMap<SpendKey, SpendCell> cells = new ConcurrentHashMap<>();
  private final AtomicLong seq = new AtomicLong();
  private volatile ProcessorConfig.Budgets config;
  private volatile Today today;

  public BudgetTracker(ProcessorConfig.Budgets config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * The calendar day of "now" in the zone, with its bounds and the start of its week and month,
   * cached until the day changes.
   */
  private record Today(
      ZoneId zone, LocalDate day, long fromMillis, long toMillis, LocalDate[] periodStarts) {
    static Today of(ZoneId zone, long nowMillis) {
      LocalDate day = Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate();
      LocalDate[] starts = new LocalDate[BudgetPeriod.values().length];
      for (BudgetPeriod p : BudgetPeriod.values()) {
        starts[p.ordinal()] = p.start(day);
      }
      return new Today(
          zone,
          day,
          day.atStartOfDay(zone).toInstant().toEpochMilli(),
          day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(),
          starts);
    }

    boolean holds(ZoneId z, long nowMillis) {
      return zone.equals(z) && nowMillis >= fromMillis && nowMillis < toMillis;
    }

    LocalDate start(BudgetPeriod p) {
      return periodStarts[p.ordinal()];
    }
  }

  private Today today(ProcessorConfig.Budgets c, long nowMillis) {
    Today t = today;
    if (t == null || !t.holds(c.timeZone(), nowMillis)) {
      t = Today.of(c.timeZone(), nowMillis);
      today = t;
    }
    return t;
  }

  @Override
  public void onPricedCall(PricedCall priced) {
    onPricedCalls(List.of(priced));
  }

  /** Charges the calls of one export request, reading the clock and the day once. */
  @Override
  public void onPricedCalls(List<PricedCall> calls) {
    long now = clock.millis();
    ProcessorConfig.Budgets conf = config;
    Today t = today(conf, now);
    List<BudgetDefinition> defs = conf.definitions();
    for (int i = 0, n = calls.size(); i < n; i++) {
      charge(calls.get(i), t, defs);
    }
  }

  private void charge(PricedCall priced, Today t, List<BudgetDefinition> defs) {
    GenAiCall c = priced.call();
    long pico = priced.priced() ? priced.cost().total() : 0;
    for (int i = 0; i < defs.size(); i++) {
      BudgetDefinition b = defs.get(i);
      String subject = b.match(scopeValue(b.scope(), c));
      if (subject != null) {
        SpendKey key = new SpendKey(b.name(), subject, b.period().label(), t.start(b.period()));
        while (!cell(key).add(pico)) {
          Thread.onSpinWait(); // forgetPastPeriods retired it between lookup and add
        }
      }
    }
  }

  /** Returns the subject value of {@code call} under {@code scope}, or null when it has none. */
  static String scopeValue(BudgetScope scope, GenAiCall call) {
    if (scope.isDimension()) {
      return call.dimensions().get(scope.label());
    }
    return switch (scope.label()) {
      case "global" -> BudgetScope.GLOBAL_SUBJECT;
      case "service" -> call.service();
      case "provider" -> call.provider();
      case "model" -> call.model();
      case "user" -> call.user();
      case "agent" -> call.agent();
      default -> throw new IllegalStateException(scope.label());
    };
  }

  private static SpendKey key(BudgetDefinition b, String subject, LocalDate day) {
    return new SpendKey(b.name(), subject, b.period().label(), b.period().start(day));
  }

  private SpendCell cell(SpendKey key) {
    return cells.computeIfAbsent(key, k -> new SpendCell(seq.incrementAndGet(), 0));
  }

  public ProcessorConfig.Budgets config() {
    return config;
  }

  /** Returns the first day of the oldest current period of any budget (what a restart loads). */
  public LocalDate oldestCurrentStart() {
    LocalDate day = today(config, clock.millis()).day();
    return BudgetPeriod.MONTH.start(day).isBefore(BudgetPeriod.WEEK.start(day))
        ? BudgetPeriod.MONTH.start(day)
        : BudgetPeriod.WEEK.start(day);
  }

  /**
   * Adds stored spend for keys not yet in memory: at start, and at a reload for new budgets, before
   * they are active, so no call is charged to them in between.
   */
  public void load(Map<SpendKey, Long> stored) {
    // Costliest first, so the gauge bound of a '*' budget keeps its top spenders after a restart.
    stored.entrySet().stream()
        .sorted(Map.Entry.<SpendKey, Long>comparingByValue().reversed())
        .forEach(
            e ->
                cells.computeIfAbsent(
                    e.getKey(), k -> new SpendCell(seq.incrementAndGet(), e.getValue())));
  }

  /** Charges {@code b}'s period starting on {@code start} with spend found elsewhere (rollups). */
  void backfill(BudgetDefinition b, LocalDate start, Map<String, Long> picoBySubject) {
    picoBySubject.forEach(
        (subject, pico) -> {
          SpendKey key = new SpendKey(b.name(), subject, b.period().label(), start);
          while (!cell(key).add(pico)) {
            Thread.onSpinWait();
          }
        });
  }

  /** Switches to a new budget configuration; spend of budgets that stay is kept. */
  public void reconfigure(ProcessorConfig.Budgets next) {
    config = next;
  }

  /** Takes every budget delta not yet written. */
  public Map<SpendKey, Long> drainSpend() {
    Map<SpendKey, Long> out = new HashMap<>();
    cells.forEach(
        (k, cell) -> {
          long p = cell.takePending();
          if (p != 0) {
            out.put(k, p);
          }
        });
    return out;
  }

  public void restoreSpend(Map<SpendKey, Long> unwritten) {
    unwritten.forEach(
        (k, p) -> {
          while (!cell(k).restorePending(p)) {
            Thread.onSpinWait();
          }
        });
  }

  /** Forgets spend of past periods and removed budgets once it is written. */
  public void forgetPastPeriods() {
    ProcessorConfig.Budgets conf = config;
    LocalDate day = today(conf, clock.millis()).day();
    Map<String, String> currentStart = new HashMap<>();
    for (BudgetDefinition b : conf.definitions()) {
      currentStart.put(b.name() + "/" + b.period().label(), b.period().start(day).toString());
    }
    cells.forEach(
        (k, cell) -> {
          String start = currentStart.get(k.budget() + "/" + k.period());
          if (!k.periodStart().toString().equals(start) && cell.retireIfWritten()) {
            cells.remove(k, cell);
          }
        });
  }

  /** Returns every budget subject of the current periods, in config order. */
  public List<BudgetStatus> statuses() {
    return statuses(false);
  }

  /**
   * Returns the subjects that get gauges: all subjects of named and global budgets; of a {@code *}
   * budget the first {@code maxSubjects} seen in the period plus any at or above its first warning
   * ratio.
   */
  public List<BudgetStatus> gaugeStatuses() {
    return statuses(true);
  }

  private List<BudgetStatus> statuses(boolean bounded) {
    ProcessorConfig.Budgets conf = config;
    ZonedDateTime now = clock.instant().atZone(conf.timeZone());
    LocalDate day = today(conf, clock.millis()).day();
    Map<String, List<Map.Entry<SpendKey, SpendCell>>> byBudget = new HashMap<>();
    for (Map.Entry<SpendKey, SpendCell> e : cells.entrySet()) {
      byBudget.computeIfAbsent(e.getKey().budget(), k -> new ArrayList<>()).add(e);
    }
    List<BudgetStatus> out = new ArrayList<>();
    for (BudgetDefinition b : conf.definitions()) {
      LocalDate start = b.period().start(day);
      ZonedDateTime from = start.atStartOfDay(conf.timeZone());
      ZonedDateTime to = b.period().next(start).atStartOfDay(conf.timeZone());
      double elapsed = b.period().elapsedRatio(start, now);
      List<Map.Entry<SpendKey, SpendCell>> current = new ArrayList<>();
      for (Map.Entry<SpendKey, SpendCell> e : byBudget.getOrDefault(b.name(), List.of())) {
        SpendKey k = e.getKey();
        if (k.period().equals(b.period().label())
            && k.periodStart().equals(start)
            && b.match(k.subject()) != null) {
          current.add(e);
        }
      }
      current.sort(Comparator.comparingLong(e -> e.getValue().seq));
      Set<String> seen = new HashSet<>();
      int admitted = 0;
      for (Map.Entry<SpendKey, SpendCell> e : current) {
        BudgetStatus s =
            new BudgetStatus(
                b, e.getKey().subject(), from, to, Money.fromPico(e.getValue().total()), elapsed);
        seen.add(s.subject());
        boolean keep =
            !bounded
                || !b.everySubject()
                || admitted++ < conf.maxSubjects()
                || s.state() != BudgetState.OK;
        if (keep) {
          out.add(s);
        }
      }
      if (!b.everySubject() && seen.isEmpty()) {
        out.add(new BudgetStatus(b, b.subject(), from, to, Money.fromPico(0), elapsed));
      }
    }
    return out;
  }

  /**
   * Returns the budgets a call with these scope values (scope label to value) is charged to, with
   * their current spend; global budgets always apply.
   */
  public List<BudgetStatus> applicable(Map<String, String> scopeValues) {
    List<BudgetStatus> out = new ArrayList<>();
    ProcessorConfig.Budgets conf = config;
    ZonedDateTime now = clock.instant().atZone(conf.timeZone());
    LocalDate day = now.toLocalDate();
    for (BudgetDefinition b : conf.definitions()) {
      String subject = b.match(b.scope().valueOf(scopeValues));
      if (subject == null) {
        continue;
      }
      LocalDate start = b.period().start(day);
      SpendCell cell = cells.get(key(b, subject, day));
      out.add(
          new BudgetStatus(
              b,
              subject,
              start.atStartOfDay(conf.timeZone()),
              b.period().next(start).atStartOfDay(conf.timeZone()),
              Money.fromPico(cell == null ? 0 : cell.total()),
              b.period().elapsedRatio(start, now)));
    }
    return out;
  }

  /** Returns true for users named by a user-scoped budget (kept by the user label guard). */
  public boolean isNamedUserSubject(String user) {
    for (BudgetDefinition b : config.definitions()) {
      if (BudgetScope.USER.equals(b.scope()) && !b.everySubject() && b.subject().equals(user)) {
        return true;
      }
    }
    return false;
  }
}
