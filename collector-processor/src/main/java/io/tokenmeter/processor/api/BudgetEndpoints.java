/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.api;

import com.google.gson.stream.JsonWriter;
import io.tokenmeter.processor.budget.BudgetStatus;
import io.tokenmeter.processor.budget.BudgetTracker;
import io.tokenmeter.processor.ledger.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code GET /api/v1/budgets} and {@code GET /api/v1/budgets/check}. */
public final class BudgetEndpoints {
  private static final List<String> CHECK_PARAMS =
      List.of("user", "service", "model", "provider", "agent");

  private final BudgetTracker tracker;

  public BudgetEndpoints(BudgetTracker tracker) {
    this.tracker = tracker;
  }

  void list(ApiExchange ex) throws IOException {
    ex.allow(Set.of());
    List<BudgetStatus> statuses = tracker.statuses();
    JsonWriter w = ex.json();
    w.beginObject();
    w.name("time_zone").value(tracker.config().timeZone().getId());
    w.name("budgets").beginArray();
    for (BudgetStatus s : statuses) {
      w.beginObject();
      status(w, s);
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }

  void check(ApiExchange ex) throws IOException {
    List<String> dimensions = tracker.config().dimensions();
    Set<String> allowed = new LinkedHashSet<>(CHECK_PARAMS);
    allowed.addAll(dimensions);
    ex.allow(allowed);
    if (ex.params().values().stream().allMatch(String::isBlank)) {
      throw ApiException.badRequest(
          "name at least one of user, service, model, provider, agent"
              + (dimensions.isEmpty() ? "" : ", " + String.join(", ", dimensions))
              + " (global budgets always apply)");
    }
    List<BudgetStatus> applicable = tracker.applicable(ex.params());
    List<BudgetStatus> exceeded = applicable.stream().filter(BudgetStatus::exceeded).toList();
    JsonWriter w = ex.json();
    w.beginObject();
    w.name("allowed").value(exceeded.isEmpty());
    w.name("reasons").beginArray();
    for (BudgetStatus s : exceeded) {
      w.beginObject();
      w.name("budget").value(s.budget().name());
      w.name("scope").value(s.budget().scope().label());
      w.name("subject").value(s.subject());
      w.name("period").value(s.budget().period().label());
      w.name("spent_usd").jsonValue(Money.plain(s.spentUsd()));
      w.name("limit_usd").jsonValue(Money.plain(s.limitUsd()));
      w.endObject();
    }
    w.endArray();
    w.name("budgets").beginArray();
    for (BudgetStatus s : applicable) {
      w.beginObject();
      status(w, s);
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }

  private static void status(JsonWriter w, BudgetStatus s) throws IOException {
    w.name("name").value(s.budget().name());
    w.name("scope").value(s.budget().scope().label());
    w.name("subject").value(s.subject());
    w.name("period").value(s.budget().period().label());
    w.name("period_start").value(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(s.periodStart()));
    w.name("period_end").value(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(s.periodEnd()));
    w.name("limit_usd").jsonValue(Money.plain(s.limitUsd()));
    w.name("spent_usd").jsonValue(Money.plain(s.spentUsd()));
    w.name("remaining_usd").jsonValue(Money.plain(s.remainingUsd()));
    w.name("forecast_usd").jsonValue(Money.plain(s.forecastUsd()));
    w.name("elapsed_ratio")
        .jsonValue(
            Money.plain(BigDecimal.valueOf(s.elapsedRatio()).setScale(6, RoundingMode.HALF_UP)));
    w.name("warning_ratios").beginArray();
    for (BigDecimal r : s.budget().warningRatios()) {
      w.jsonValue(Money.plain(r));
    }
    w.endArray();
    w.name("status").value(s.state().label());
  }
}
