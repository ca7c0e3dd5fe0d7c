/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tokenmeter.processor.ledger.LedgerDatabase;
import io.tokenmeter.processor.ledger.Money;
import io.tokenmeter.processor.ledger.UsageQuery;
import io.tokenmeter.processor.ledger.UsageRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Writes a usage report as CSV (header row, RFC 4180 quoting) or JSON, row by row as the ledger
 * returns them, so a large range is never held in memory. Used by the API and the report CLI.
 */
public final class UsageReport {
  static final List<String> SUM_COLUMNS =
      List.of(
          "requests",
          "input_tokens",
          "cache_read_tokens",
          "cache_write_tokens",
          "output_tokens",
          "reasoning_tokens",
          "total_tokens",
          "cost_usd");

  private UsageReport() {}

  /** Writes CSV; {@code progress} receives the running row count every 10,000 rows. */
  public static long csv(LedgerDatabase db, UsageQuery q, Writer out, LongConsumer progress)
      throws IOException, SQLException {
    StringBuilder header = new StringBuilder();
    for (String k : q.groupBy()) {
      header.append(k).append(',');
    }
    out.write(header + String.join(",", SUM_COLUMNS) + "\r\n");
    long[] rows = {0};
    rows(
        db,
        q,
        r -> {
          StringBuilder line = new StringBuilder(128);
          for (String k : r.keys()) {
            line.append(csvField(k)).append(',');
          }
          line.append(r.requests()).append(',').append(r.inputTokens()).append(',');
          line.append(r.cacheReadTokens()).append(',').append(r.cacheWriteTokens()).append(',');
          line.append(r.outputTokens()).append(',').append(r.reasoningTokens()).append(',');
          line.append(r.totalTokens()).append(',').append(Money.plain(r.costUsd())).append("\r\n");
          out.write(line.toString());
          if (++rows[0] % 10_000 == 0) {
            progress.accept(rows[0]);
          }
        });
    out.flush();
    return rows[0];
  }

  /** Writes {@code {"from","to","time_zone","group_by","rows":[...],"totals":{...}}}. */
  public static long json(
      LedgerDatabase db, UsageQuery q, ZoneId zone, JsonGenerator w, LongConsumer progress)
      throws IOException, SQLException {
    w.writeStartObject();
    w.writeStringField("from", q.from().toString());
    w.writeStringField("to", q.to().toString());
    w.writeStringField("time_zone", zone.getId());
    w.writeArrayFieldStart("group_by");
    for (String k : q.groupBy()) {
      w.writeString(k);
    }
    w.writeEndArray();
    w.writeArrayFieldStart("rows");
    long[] rows = {0};
    long[] totals = new long[6];
    BigDecimal[] cost = {BigDecimal.ZERO};
    rows(
        db,
        q,
        r -> {
          w.writeStartObject();
          for (int i = 0; i < r.keys().size(); i++) {
            String v = r.keys().get(i);
            w.writeStringField(q.groupBy().get(i), v == null || v.isEmpty() ? null : v);
          }
          sums(w, r);
          w.writeEndObject();
          totals[0] += r.requests();
          totals[1] += r.inputTokens();
          totals[2] += r.cacheReadTokens();
          totals[3] += r.cacheWriteTokens();
          totals[4] += r.outputTokens();
          totals[5] += r.reasoningTokens();
          cost[0] = cost[0].add(r.costUsd());
          if (++rows[0] % 10_000 == 0) {
            progress.accept(rows[0]);
          }
        });
    w.writeEndArray();
    w.writeObjectFieldStart("totals");
    sums(
        w,
        new UsageRow(
            List.of(), totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], cost[0]));
    w.writeEndObject();
    w.writeEndObject();
    w.flush();
    return rows[0];
  }

  private static void sums(JsonGenerator w, UsageRow r) throws IOException {
    w.writeNumberField("requests", r.requests());
    w.writeNumberField("input_tokens", r.inputTokens());
    w.writeNumberField("cache_read_tokens", r.cacheReadTokens());
    w.writeNumberField("cache_write_tokens", r.cacheWriteTokens());
    w.writeNumberField("output_tokens", r.outputTokens());
    w.writeNumberField("reasoning_tokens", r.reasoningTokens());
    w.writeNumberField("total_tokens", r.totalTokens());
    w.writeFieldName("cost_usd");
    w.writeNumber(Money.plain(r.costUsd()));
  }

  /** A row consumer that may write. */
  @FunctionalInterface
  private interface RowWriter {
    void write(UsageRow row) throws IOException;
  }

  private static void rows(LedgerDatabase db, UsageQuery q, RowWriter writer)
      throws IOException, SQLException {
    try {
      db.usage(
          q,
          row -> {
            try {
              writer.write(row);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static String csvField(String v) {
    if (v == null) {
      return "";
    }
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }
}
