/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The ledger's tables behind JDBC: an SQLite file (WAL mode) or PostgreSQL, with the same ANSI SQL
 * and {@code INSERT ... ON CONFLICT ... DO UPDATE} on both. Money columns hold pico-dollars (see
 * {@link Money}); days are {@code YYYY-MM-DD} text in the budget time zone; times are epoch millis.
 * One connection writes (a flush is one transaction); with SQLite each read opens its own
 * connection (one writer, as SQLite wants), with PostgreSQL reads borrow from a small pool.
 */
public final class LedgerDatabase implements AutoCloseable {
  static final String SPEND = "tokenmeter_budget_spend";
  static final String USAGE = "tokenmeter_usage_daily";
  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS "
        + SPEND
        + " ("
        + " budget TEXT NOT NULL, subject TEXT NOT NULL, period TEXT NOT NULL,"
        + " period_start TEXT NOT NULL, spent_picousd BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
        + " PRIMARY KEY (budget, subject, period, period_start))",
    "CREATE TABLE IF NOT EXISTS "
        + USAGE
        + " ("
        + " day TEXT NOT NULL, service TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL,"
        + " user_id TEXT NOT NULL, agent TEXT NOT NULL, session_id TEXT NOT NULL,"
        + " input_tokens BIGINT NOT NULL, cache_read_tokens BIGINT NOT NULL,"
        + " cache_write_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL,"
        + " reasoning_tokens BIGINT NOT NULL, requests BIGINT NOT NULL,"
        + " cost_picousd BIGINT NOT NULL, first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL,"
        + " PRIMARY KEY (day, service, provider, model, user_id, agent, session_id))",
    "CREATE INDEX IF NOT EXISTS " + USAGE + "_session ON " + USAGE + " (session_id, day)",
    "CREATE INDEX IF NOT EXISTS " + SPEND + "_start ON " + SPEND + " (period_start)",
  };
  private static final String UPSERT_SPEND =
      "INSERT INTO "
          + SPEND
          + " (budget, subject, period, period_start, spent_picousd, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (budget, subject, period, period_start)"
          + " DO UPDATE SET spent_picousd = "
          + SPEND
          + ".spent_picousd + excluded.spent_picousd,"
          + " updated_at = excluded.updated_at";
  private static final String UPSERT_USAGE =
      "INSERT INTO "
          + USAGE
          + " (day, service, provider, model, user_id, agent, session_id,"
          + " input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens,"
          + " requests, cost_picousd, first_seen, last_seen)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (day, service, provider, model, user_id, agent, session_id) DO UPDATE SET"
          + sum("input_tokens")
          + ","
          + sum("cache_read_tokens")
          + ","
          + sum("cache_write_tokens")
          + ","
          + sum("output_tokens")
          + ","
          + sum("reasoning_tokens")
          + ","
          + sum("requests")
          + ","
          + sum("cost_picousd")
          + ","
          + " first_seen = CASE WHEN excluded.first_seen < "
          + USAGE
          + ".first_seen"
          + " THEN excluded.first_seen ELSE "
          + USAGE
          + ".first_seen END,"
          + " last_seen = CASE WHEN excluded.last_seen > "
          + USAGE
          + ".last_seen"
          + " THEN excluded.last_seen ELSE "
          + USAGE
          + ".last_seen END";

  /** Rows per JDBC batch: a large backlog is sent in parts so the driver holds only one part. */
  private static final int BATCH_ROWS = 1000;

  private final String url;
  private final boolean sqlite;
  private final PostgresPool pool;
  private final Connection writer;

  private LedgerDatabase(String url) throws SQLException {
    this.url = url;
    this.sqlite = url.startsWith("jdbc:sqlite:");
    this.pool = sqlite ? null : new PostgresPool(url);
    this.writer = connect();
    try (Statement s = writer.createStatement()) {
      if (sqlite) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
      }
      for (String ddl : SCHEMA) {
        s.execute(ddl);
      }
    }
    writer.setAutoCommit(false);
  }

  private static String sum(String column) {
    return " " + column + " = " + USAGE + "." + column + " + excluded." + column;
  }

  /** Opens (creating when needed) the ledger at a JDBC URL; an SQLite file's folder is created. */
  public static LedgerDatabase open(String url) throws SQLException {
    if (url.startsWith("jdbc:sqlite:")) {
      Path parent = Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath().getParent();
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new SQLException("cannot create the ledger folder " + parent + ": " + e, e);
      }
    }
    return new LedgerDatabase(url);
  }

  private Connection connect() throws SQLException {
    if (pool != null) {
      return pool.connection();
    }
    Connection c = DriverManager.getConnection(url);
    if (sqlite) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=10000");
      }
    }
    return c;
  }

  /**
   * Adds the usage and spend deltas in one transaction (sent in batches of {@value #BATCH_ROWS}
   * rows): all of it is written, or none. Rows go in primary key order, which keeps a large flush's
   * index updates local and makes replicas sharing PostgreSQL lock rows in one order.
   */
  public synchronized void write(Map<UsageKey, UsageDelta> usage, Map<SpendKey, Long> spend)
      throws SQLException {
    long now = System.currentTimeMillis();
    try (PreparedStatement u = writer.prepareStatement(UPSERT_USAGE);
        PreparedStatement s = writer.prepareStatement(UPSERT_SPEND)) {
      List<Map.Entry<UsageKey, UsageDelta>> usageRows = new ArrayList<>(usage.entrySet());
      usageRows.sort(Map.Entry.comparingByKey(UsageKey.TABLE_ORDER));
      int rows = 0;
      for (Map.Entry<UsageKey, UsageDelta> e : usageRows) {
        bindUsage(u, e.getKey(), e.getValue());
        u.addBatch();
        if (++rows % BATCH_ROWS == 0) {
          u.executeBatch();
        }
      }
      List<Map.Entry<SpendKey, Long>> spendRows = new ArrayList<>(spend.entrySet());
      spendRows.sort(Map.Entry.comparingByKey(SpendKey.TABLE_ORDER));
      for (Map.Entry<SpendKey, Long> e : spendRows) {
        SpendKey k = e.getKey();
        s.setString(1, k.budget());
        s.setString(2, k.subject());
        s.setString(3, k.period());
        s.setString(4, k.periodStart().toString());
        s.setLong(5, e.getValue());
        s.setLong(6, now);
        s.addBatch();
      }
      u.executeBatch();
      s.executeBatch();
      writer.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        writer.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void bindUsage(PreparedStatement u, UsageKey k, UsageDelta d) throws SQLException {
    u.setString(1, k.day().toString());
    u.setString(2, k.service());
    u.setString(3, k.provider());
    u.setString(4, k.model());
    u.setString(5, k.user());
    u.setString(6, k.agent());
    u.setString(7, k.session());
    u.setLong(8, d.input);
    u.setLong(9, d.cacheRead);
    u.setLong(10, d.cacheWrite);
    u.setLong(11, d.output);
    u.setLong(12, d.reasoning);
    u.setLong(13, d.requests);
    u.setLong(14, d.costPico);
    u.setLong(15, d.firstSeen);
    u.setLong(16, d.lastSeen);
  }

  /** Returns the stored spend of every period that starts on or after {@code since}. */
  public Map<SpendKey, Long> spendSince(LocalDate since) throws SQLException {
    Map<SpendKey, Long> out = new HashMap<>();
    try (Connection c = connect();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT budget, subject, period, period_start, spent_picousd FROM "
                    + SPEND
                    + " WHERE period_start >= ?")) {
      p.setString(1, since.toString());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(
              new SpendKey(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  LocalDate.parse(rs.getString(4))),
              rs.getLong(5));
        }
      }
    }
    return out;
  }

  /** Deletes rollup days before {@code firstKept}; returns the rows deleted. */
  public synchronized int pruneUsageBefore(LocalDate firstKept) throws SQLException {
    try (PreparedStatement p = writer.prepareStatement("DELETE FROM " + USAGE + " WHERE day < ?")) {
      p.setString(1, firstKept.toString());
      int n = p.executeUpdate();
      writer.commit();
      return n;
    } catch (SQLException e) {
      writer.rollback();
      throw e;
    }
  }

  /** Streams the report rows of {@code q} to {@code sink}, ordered by the group keys. */
  public void usage(UsageQuery q, Consumer<UsageRow> sink) throws SQLException {
    String cols =
        q.groupBy().stream().map(UsageQuery.COLUMNS::get).collect(Collectors.joining(", "));
    String sql =
        "SELECT "
            + (cols.isEmpty() ? "" : cols + ", ")
            + "SUM(requests), SUM(input_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens),"
            + " SUM(output_tokens), SUM(reasoning_tokens), SUM(cost_picousd) FROM "
            + USAGE
            + " WHERE day >= ? AND day <= ?"
            + (cols.isEmpty() ? "" : " GROUP BY " + cols + " ORDER BY " + cols);
    int n = q.groupBy().size();
    query(
        sql,
        p -> {
          p.setString(1, q.from().toString());
          p.setString(2, q.to().toString());
        },
        rs -> {
          if (rs.getObject(n + 1) == null) {
            return; // no rows at all in the range (SUM over nothing)
          }
          List<String> keys = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            keys.add(rs.getString(i));
          }
          sink.accept(
              new UsageRow(
                  keys,
                  rs.getLong(n + 1),
                  rs.getLong(n + 2),
                  rs.getLong(n + 3),
                  rs.getLong(n + 4),
                  rs.getLong(n + 5),
                  rs.getLong(n + 6),
                  Money.usd(rs.getObject(n + 7))));
        });
  }

  /** Returns the {@code limit} costliest sessions with activity between the inclusive days. */
  public List<TopSession> topSessions(LocalDate from, LocalDate to, int limit) throws SQLException {
    String sql =
        "SELECT session_id, MAX(user_id), SUM(requests), SUM(input_tokens + cache_read_tokens +"
            + " cache_write_tokens + output_tokens + reasoning_tokens), SUM(cost_picousd) AS cost,"
            + " MIN(first_seen), MAX(last_seen) FROM "
            + USAGE
            + " WHERE day >= ? AND day <= ? AND session_id <> '' GROUP BY session_id"
            + " ORDER BY cost DESC, session_id LIMIT ?";
    List<TopSession> out = new ArrayList<>();
    query(
        sql,
        p -> {
          p.setString(1, from.toString());
          p.setString(2, to.toString());
          p.setInt(3, limit);
        },
        rs ->
            out.add(
                new TopSession(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    Money.usd(rs.getObject(5)),
                    Instant.ofEpochMilli(rs.getLong(6)),
                    Instant.ofEpochMilli(rs.getLong(7)))));
    return out;
  }

  private void query(String sql, Binder binder, RowReader reader) throws SQLException {
    try (Connection c = connect()) {
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setFetchSize(1000);
        binder.bind(p);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            reader.read(rs);
          }
        }
      } finally {
        c.rollback();
      }
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  @Override
  public synchronized void close() throws SQLException {
    try {
      writer.close();
    } finally {
      if (pool != null) {
        pool.close();
      }
    }
  }
}
