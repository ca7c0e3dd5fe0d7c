/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import java.util.Locale;

/**
 * Every configuration key of the processor, with its default. The YAML key is the dotted name; the
 * environment variable is {@code TOKENMETER_} followed by the key upper-cased with dots turned into
 * underscores ({@code server.otlp_http_port} → {@code TOKENMETER_SERVER_OTLP_HTTP_PORT}).
 */
public enum Setting {
  SERVER_BIND_ADDRESS("server.bind_address", "0.0.0.0"),
  SERVER_OTLP_HTTP_PORT("server.otlp_http_port", "4318"),
  SERVER_OTLP_GRPC_PORT("server.otlp_grpc_port", "4317"),
  SERVER_METRICS_PORT("server.metrics_port", "9464"),
  SERVER_MAX_REQUEST_BYTES("server.max_request_bytes", "16777216"),
  SERVER_MAX_CONCURRENT_REQUESTS("server.max_concurrent_requests", "16"),
  SERVER_MAX_QUEUED_REQUESTS("server.max_queued_requests", "64"),
  SERVER_AUTH_TOKEN("server.auth_token", ""),
  SERVER_RETRY_AFTER_SECONDS("server.retry_after_seconds", "5"),
  SERVER_SHUTDOWN_TIMEOUT_SECONDS("server.shutdown_timeout_seconds", "30"),
  PRICING_FILE("pricing.file", ""),
  PRICING_REPRICE_ALL("pricing.reprice_all", "false"),
  CARDINALITY_MAX_USERS("cardinality.max_users", "2000"),
  CARDINALITY_MAX_AGENTS("cardinality.max_agents", "200"),
  CARDINALITY_MAX_SESSIONS("cardinality.max_sessions", "200"),
  SESSIONS_MAX_TRACKED("sessions.max_tracked", "10000"),
  SESSIONS_WINDOW_SECONDS("sessions.window_seconds", "3600"),
  SESSIONS_IDLE_SECONDS("sessions.idle_seconds", "1800"),
  FORWARD_ENDPOINT("forward.endpoint", ""),
  FORWARD_QUEUE_SIZE("forward.queue_size", "1000"),
  FORWARD_MAX_ATTEMPTS("forward.max_attempts", "5"),
  FORWARD_INITIAL_BACKOFF_MILLIS("forward.initial_backoff_millis", "500"),
  FORWARD_TIMEOUT_SECONDS("forward.timeout_seconds", "10"),
  FORWARD_HEADERS("forward.headers", ""),
  BUDGETS("budgets", ""),
  BUDGETS_DIMENSIONS("budgets_dimensions", ""),
  BUDGETS_TIME_ZONE("budgets_time_zone", "UTC"),
  BUDGETS_MAX_SUBJECTS("budgets_max_subjects", "2000"),
  BUDGETS_RELOAD_INTERVAL_SECONDS("budgets_reload_interval_seconds", "5"),
  LEDGER_ENABLED("ledger.enabled", "true"),
  LEDGER_PATH("ledger.path", "./tokenmeter-ledger.db"),
  LEDGER_JDBC_URL("ledger.jdbc_url", ""),
  LEDGER_FLUSH_INTERVAL_MILLIS("ledger.flush_interval_millis", "1000"),
  LEDGER_RETENTION_DAYS("ledger.retention_days", "400"),
  LEDGER_MAX_PENDING_ROLLUPS("ledger.max_pending_rollups", "100000"),
  API_AUTH_TOKEN("api.auth_token", "");

  private final String key;
  private final String defaultValue;

  Setting(String key, String defaultValue) {
    this.key = key;
    this.defaultValue = defaultValue;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String envVar() {
    return "TOKENMETER_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  static Setting forKey(String key) {
    for (Setting s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    return null;
  }
}
