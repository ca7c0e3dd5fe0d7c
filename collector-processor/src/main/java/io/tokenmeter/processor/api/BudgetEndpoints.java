/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.api;

import com.fasterxml.jackson.core.JsonGenerator;
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
    JsonGenerator w = ex.json();
    w.writeStartObject();
    w.writeStringField("time_zone", tracker.config().timeZone().getId());
    w.writeArrayFieldStart("budgets");
    for (BudgetStatus s : statuses) {
      w.writeStartObject();
      status(w, s);
      w.writeEndObject();
    }
    w.writeEndArray();
    w.writeEndObject();
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
    JsonGenerator w = ex.json();
    w.writeStartObject();
    w.writeBooleanField("allowed", exceeded.isEmpty());
    w.writeArrayFieldStart("reasons");
    for (BudgetStatus s : exceeded) {
      w.writeStartObject();
      w.writeStringField("budget", s.budget().name());
      w.writeStringField("scope", s.budget().scope().label());
      w.writeStringField("subject", s.subject());
      w.writeStringField("period", s.budget().period().label());
      w.writeFieldName("spent_usd");
      w.writeNumber(Money.plain(s.spentUsd()));
      w.writeFieldName("limit_usd");
      w.writeNumber(Money.plain(s.limitUsd()));
      w.writeEndObject();
    }
    w.writeEndArray();
    w.writeArrayFieldStart("budgets");
    for (BudgetStatus s : applicable) {
      w.writeStartObject();
      status(w, s);
      w.writeEndObject();
    }
    w.writeEndArray();
    w.writeEndObject();
  }

  private static void status(JsonGenerator w, BudgetStatus s) throws IOException {
    w.writeStringField("name", s.budget().name());
    w.writeStringField("scope", s.budget().scope().label());
    w.writeStringField("subject", s.subject());
    w.writeStringField("period", s.budget().period().label());
    w.writeStringField(
        "period_start", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(s.periodStart()));
    w.writeStringField("period_end", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(s.periodEnd()));
    w.writeFieldName("limit_usd");
    w.writeNumber(Money.plain(s.limitUsd()));
    w.writeFieldName("spent_usd");
    w.writeNumber(Money.plain(s.spentUsd()));
    w.writeFieldName("remaining_usd");
    w.writeNumber(Money.plain(s.remainingUsd()));
    w.writeFieldName("forecast_usd");
    w.writeNumber(Money.plain(s.forecastUsd()));
    w.writeFieldName("elapsed_ratio");
    w.writeNumber(
        Money.plain(BigDecimal.valueOf(s.elapsedRatio()).setScale(6, RoundingMode.HALF_UP)));
    w.writeArrayFieldStart("warning_ratios");
    for (BigDecimal r : s.budget().warningRatios()) {
      w.writeNumber(Money.plain(r));
    }
    w.writeEndArray();
    w.writeStringField("status", s.state().label());
  }
}
