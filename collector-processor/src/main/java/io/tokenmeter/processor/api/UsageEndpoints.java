/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tokenmeter.processor.budget.BudgetTracker;
import io.tokenmeter.processor.ledger.LedgerDatabase;
import io.tokenmeter.processor.ledger.Money;
import io.tokenmeter.processor.ledger.TopSession;
import io.tokenmeter.processor.ledger.UsageQuery;
import io.tokenmeter.processor.report.UsageReport;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** {@code GET /api/v1/usage} and {@code GET /api/v1/sessions/top}, read from the ledger. */
public final class UsageEndpoints {
  private static final Set<String> USAGE_PARAMS = Set.of("from", "to", "group_by", "format");
  private static final Set<String> TOP_PARAMS = Set.of("from", "to", "limit");

  private final LedgerDatabase db;
  private final BudgetTracker tracker;
  private final Clock clock;

  /** {@code db} may be null (ledger disabled): the endpoints then answer 503. */
  public UsageEndpoints(LedgerDatabase db, BudgetTracker tracker, Clock clock) {
    this.db = db;
    this.tracker = tracker;
    this.clock = clock;
  }

  void usage(ApiExchange ex) throws Exception {
    ex.allow(USAGE_PARAMS);
    ZoneId zone = tracker.config().timeZone();
    UsageQuery q = query(ex, zone, groupBy(ex));
    String format = ex.choice("format", "json", Set.of("json", "csv"));
    LedgerDatabase ledger = ledger();
    if (format.equals("csv")) {
      Writer w =
          ex.body(
              "text/csv; charset=utf-8", "tokenmeter-usage-" + q.from() + "-" + q.to() + ".csv");
      UsageReport.csv(ledger, q, w, n -> {});
    } else {
      JsonGenerator w = ex.json();
      UsageReport.json(ledger, q, zone, w, n -> {});
    }
  }

  void topSessions(ApiExchange ex) throws Exception {
    ex.allow(TOP_PARAMS);
    ZoneId zone = tracker.config().timeZone();
    UsageQuery q = query(ex, zone, List.of());
    int limit = ex.integer("limit", 10, 1, 1000);
    List<TopSession> top = ledger().topSessions(q.from(), q.to(), limit);
    JsonGenerator w = ex.json();
    w.writeStartObject();
    w.writeStringField("from", q.from().toString());
    w.writeStringField("to", q.to().toString());
    w.writeStringField("time_zone", zone.getId());
    w.writeArrayFieldStart("sessions");
    for (TopSession s : top) {
      w.writeStartObject();
      w.writeStringField("session", s.session());
      w.writeStringField("user", s.user().isEmpty() ? null : s.user());
      w.writeNumberField("requests", s.requests());
      w.writeNumberField("tokens", s.tokens());
      w.writeFieldName("cost_usd");
      w.writeNumber(Money.plain(s.costUsd()));
      w.writeStringField("first_seen", s.firstSeen().toString());
      w.writeStringField("last_seen", s.lastSeen().toString());
      w.writeEndObject();
    }
    w.writeEndArray();
    w.writeEndObject();
  }

  private static List<String> groupBy(ApiExchange ex) {
    try {
      return UsageQuery.parseGroupBy(ex.param("group_by"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /** Defaults to the current month so far, in the budget time zone. */
  private UsageQuery query(ApiExchange ex, ZoneId zone, List<String> groupBy) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate from = ex.date("from", today.withDayOfMonth(1));
    LocalDate to = ex.date("to", today);
    if (from.isAfter(to)) {
      throw ApiException.badRequest("from (" + from + ") must not be after to (" + to + ")");
    }
    return new UsageQuery(from, to, groupBy);
  }

  private LedgerDatabase ledger() throws SQLException {
    if (db == null) {
      throw new ApiException(503, "the ledger is disabled (ledger.enabled: false)");
    }
    return db;
  }
}
