/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A small HikariCP pool for a PostgreSQL ledger: the writer keeps one connection, reads (the API,
 * the report, the restart load) borrow the others instead of opening one each. Kept apart from
 * {@link LedgerDatabase} so an SQLite ledger never loads HikariCP.
 */
final class PostgresPool implements AutoCloseable {
  /** One writer plus a few concurrent reads; more would only queue on the writer's row locks. */
  private static final int MAX_CONNECTIONS = 4;

  private final HikariDataSource source;

  PostgresPool(String url) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("tokenmeter-ledger");
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(1);
    try {
      this.source = new HikariDataSource(config);
    } catch (RuntimeException e) {
      // HikariCP fails fast when the first connection cannot be made; report it as JDBC would.
      Throwable cause = e.getCause() instanceof SQLException sql ? sql : e;
      throw new SQLException("cannot connect to " + url + ": " + cause.getMessage(), cause);
    }
  }

  Connection connection() throws SQLException {
    return source.getConnection();
  }

  @Override
  public void close() {
    source.close();
  }
}
