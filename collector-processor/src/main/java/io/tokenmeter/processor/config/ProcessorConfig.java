/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Holds the whole, validated processor configuration. */
public record ProcessorConfig(
    Server server,
    Pricing pricing,
    Cardinality cardinality,
    Sessions sessions,
    Forward forward,
    Budgets budgets,
    Ledger ledger,
    Api api) {

  /** Listeners, limits and ingest authentication. */
  public record Server(
      String bindAddress,
      int otlpHttpPort,
      int otlpGrpcPort,
      int metricsPort,
      int maxRequestBytes,
      int maxConcurrentRequests,
      int maxQueuedRequests,
      String authToken,
      int retryAfterSeconds,
      Duration shutdownTimeout) {

    public boolean authRequired() {
      return authToken != null && !authToken.isEmpty();
    }
  }

  /** Where prices come from and whether central prices override span-provided cost. */
  public record Pricing(Path overrideFile, boolean repriceAll) {}

  /** Upper bounds on label values per family. */
  public record Cardinality(int maxUsers, int maxAgents, int maxSessions) {}

  /** The session tracker behind the top-K session gauges. */
  public record Sessions(int maxTracked, Duration window, Duration idle) {}

  /** Optional OTLP/HTTP downstream; {@code endpoint} is null when forwarding is off. */
  public record Forward(
      URI endpoint,
      int queueSize,
      int maxAttempts,
      Duration initialBackoff,
      Duration timeout,
      Map<String, String> headers) {

    public boolean enabled() {
      return endpoint != null;
    }
  }

  /**
   * Calendar budgets: their definitions, the zone their days, weeks and months are in, how many
   * subjects of a {@code *} budget get gauges, and how often the config file is checked for changes
   * (zero: only on SIGHUP). {@code dimensions} are the keys of {@code budgets_dimensions}: scopes a
   * budget may have besides the built-in ones, and extra parameters of {@code
   * /api/v1/budgets/check}.
   */
  public record Budgets(
      List<BudgetDefinition> definitions,
      ZoneId timeZone,
      int maxSubjects,
      Duration reloadInterval,
      List<String> dimensions) {

    public Budgets {
      definitions = List.copyOf(definitions);
      dimensions = List.copyOf(dimensions);
    }

    /** Budgets whose dimensions are those their definitions use as scopes. */
    public Budgets(
        List<BudgetDefinition> definitions,
        ZoneId timeZone,
        int maxSubjects,
        Duration reloadInterval) {
      this(
          definitions,
          timeZone,
          maxSubjects,
          reloadInterval,
          definitions.stream()
              .filter(b -> b.scope().isDimension())
              .map(b -> b.scope().label())
              .distinct()
              .toList());
    }
  }

  /**
   * The spend ledger: an SQLite file at {@code path}, or {@code jdbcUrl} when set (PostgreSQL),
   * written every {@code flushInterval} (default 1 s). {@code maxPendingRollups} (default 100,000)
   * bounds the daily rollups waiting for a write: at half of it the flush starts early, at the
   * bound new users and sessions are folded into {@code __other__} until the writes catch up.
   */
  public record Ledger(
      boolean enabled,
      Path path,
      String jdbcUrl,
      Duration flushInterval,
      int retentionDays,
      int maxPendingRollups) {

    /** A ledger with the default bound on pending rollups. */
    public Ledger(
        boolean enabled, Path path, String jdbcUrl, Duration flushInterval, int retentionDays) {
      this(
          enabled,
          path,
          jdbcUrl,
          flushInterval,
          retentionDays,
          Integer.parseInt(Setting.LEDGER_MAX_PENDING_ROLLUPS.defaultValue()));
    }

    /** Returns the JDBC URL the ledger connects to. */
    public String url() {
      return jdbcUrl.isEmpty() ? "jdbc:sqlite:" + path : jdbcUrl;
    }
  }

  /** The report and budget API on the metrics port; bearer token required when set. */
  public record Api(String authToken) {}

  /** Returns the configuration with every default, as used when no file and no env var is given. */
  public static ProcessorConfig defaults() {
    return ConfigLoader.fromValues(Map.of());
  }
}
