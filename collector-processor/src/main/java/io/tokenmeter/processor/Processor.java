/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.processor.api.ApiHandler;
import io.tokenmeter.processor.api.BudgetEndpoints;
import io.tokenmeter.processor.api.UsageEndpoints;
import io.tokenmeter.processor.attribution.CallRecorder;
import io.tokenmeter.processor.attribution.LabelGuard;
import io.tokenmeter.processor.attribution.SessionTracker;
import io.tokenmeter.processor.budget.BudgetLedger;
import io.tokenmeter.processor.budget.BudgetStatus;
import io.tokenmeter.processor.budget.BudgetTracker;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.forward.OtlpForwarder;
import io.tokenmeter.processor.ledger.LedgerDatabase;
import io.tokenmeter.processor.metrics.MetricsServer;
import io.tokenmeter.processor.metrics.ProcessorMetrics;
import io.tokenmeter.processor.otlp.AdmissionControl;
import io.tokenmeter.processor.otlp.OtlpGrpcReceiver;
import io.tokenmeter.processor.otlp.OtlpHttpReceiver;
import io.tokenmeter.processor.price.SpanPricer;
import io.tokenmeter.processor.usage.UsageAccumulator;
import io.tokenmeter.processor.usage.UsageRecorder;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The running processor: receivers, pipeline, metrics server and forwarder, started and stopped
 * together.
 */
public final class Processor implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Processor.class.getName());

  private final ProcessorConfig config;
  private final ProcessorMetrics metrics = new ProcessorMetrics();
  private final AdmissionControl admission;
  private final OtlpForwarder forwarder;
  private final SpanPipeline pipeline;
  private final OtlpHttpReceiver http;
  private final OtlpGrpcReceiver grpc;
  private final MetricsServer metricsServer;
  private final BudgetTracker budgets;
  private final UsageRecorder usage;
  private final BudgetLedger ledger;
  private volatile boolean ready;
  private boolean stopped;

  public Processor(ProcessorConfig config, PriceCatalog catalog) throws IOException {
    this(config, catalog, Clock.systemUTC());
  }

  /** Uses {@code clock} to place calls in budget periods and rollup days. */
  public Processor(ProcessorConfig config, PriceCatalog catalog, Clock clock) throws IOException {
    this.config = config;
    ProcessorConfig.Server server = config.server();
    this.admission =
        new AdmissionControl(server.maxConcurrentRequests() + server.maxQueuedRequests());
    this.forwarder =
        config.forward().enabled() ? new OtlpForwarder(config.forward(), metrics) : null;
    this.pipeline =
        new SpanPipeline(
            new SpanPricer(catalog, config.pricing().repriceAll()), metrics, forwarder);
    ProcessorConfig.Cardinality limits = config.cardinality();
    LabelGuard users = new LabelGuard("user", limits.maxUsers(), metrics);
    LabelGuard agents = new LabelGuard("agent", limits.maxAgents(), metrics);
    SessionTracker sessions =
        new SessionTracker(
            limits.maxSessions(),
            config.sessions().maxTracked(),
            config.sessions().window(),
            config.sessions().idle(),
            System::currentTimeMillis,
            metrics);
    metrics.bindSessions(sessions::snapshot);
    pipeline.addListener(new CallRecorder(metrics, users, agents, sessions));
    UsageAccumulator rollups =
        new UsageAccumulator(config.ledger().maxPendingRollups(), metrics::ledgerRequestsFolded);
    this.budgets = new BudgetTracker(config.budgets(), clock);
    this.usage = new UsageRecorder(rollups, clock, config.budgets().timeZone());
    this.ledger =
        new BudgetLedger(openLedger(config.ledger()), budgets, rollups, config.ledger(), clock);
    rollups.onBacklog(ledger::flushSoon);
    try {
      ledger.loadSpend();
    } catch (SQLException e) {
      ledger.close();
      throw new IOException("cannot read the ledger " + config.ledger().url() + ": " + e, e);
    }
    users.alwaysKeep(budgets::isNamedUserSubject);
    pipeline.addListener(budgets);
    pipeline.addListener(this.usage);
    metrics.bindBudgets(this::budgetRows);
    this.http = new OtlpHttpReceiver(server, pipeline, admission, metrics);
    this.grpc = new OtlpGrpcReceiver(server, pipeline, admission, metrics);
    this.metricsServer =
        new MetricsServer(
            server.bindAddress(),
            server.metricsPort(),
            metrics.registry(),
            () -> ready && !admission.draining());
    metricsServer.route(
        "/api/",
        new ApiHandler(
            config.api().authToken(),
            new BudgetEndpoints(budgets),
            new UsageEndpoints(ledger.database(), budgets, clock)));
  }

  private static LedgerDatabase openLedger(ProcessorConfig.Ledger ledger) throws IOException {
    if (!ledger.enabled()) {
      return null;
    }
    try {
      return LedgerDatabase.open(ledger.url());
    } catch (SQLException e) {
      throw new IOException("cannot open the ledger " + ledger.url() + ": " + e.getMessage(), e);
    }
  }

  private List<ProcessorMetrics.BudgetRow> budgetRows() {
    return budgets.gaugeStatuses().stream()
        .map(
            (BudgetStatus s) ->
                new ProcessorMetrics.BudgetRow(
                    s.budget().name(),
                    s.budget().scope().label(),
                    s.subject(),
                    s.budget().period().label(),
                    s.limitUsd().doubleValue(),
                    s.spentUsd().doubleValue(),
                    s.elapsedRatio(),
                    s.budget().warningRatios().get(0).doubleValue(),
                    s.budget().warningRatios().size() > 1
                        ? s.budget().warningRatios().get(1).doubleValue()
                        : Double.NaN))
        .toList();
  }

  public void start() throws IOException {
    ledger.start();
    metricsServer.start();
    if (forwarder != null) {
      forwarder.start();
    }
    http.start();
    grpc.start();
    ready = true;
    LOG.info(
        String.format(
            "tokenmeter processor listening: otlp_http=%s:%d otlp_grpc=%s:%d"
                + " metrics=%s:%d forward=%s",
            config.server().bindAddress(),
            http.port(),
            config.server().bindAddress(),
            grpc.port(),
            config.server().bindAddress(),
            metricsServer.port(),
            config.forward().enabled() ? config.forward().endpoint() : "off"));
  }

  /**
   * Applies what of a reloaded configuration can change while running: the budgets (spend of
   * budgets that stay is kept); other keys need a restart.
   */
  public void reload(ProcessorConfig next) throws SQLException {
    reloadBudgets(next.budgets());
  }

  /** Applies new budgets; spend of budgets that stay is kept. */
  public void reloadBudgets(ProcessorConfig.Budgets next) throws SQLException {
    ledger.reconfigure(next);
    usage.timeZone(next.timeZone());
  }

  /** Writes the ledger deltas now (tests and diagnostics; normally every flush interval). */
  public void flushLedger() throws SQLException {
    ledger.flush();
  }

  public BudgetTracker budgets() {
    return budgets;
  }

  /** The daily usage rollups' listener (for tests and diagnostics). */
  public UsageRecorder usage() {
    return usage;
  }

  public ProcessorMetrics metrics() {
    return metrics;
  }

  /** Returns the export requests being handled now (for tests and diagnostics). */
  public int admissionInFlight() {
    return admission.inFlight();
  }

  public int otlpHttpPort() {
    return http.port();
  }

  public int otlpGrpcPort() {
    return grpc.port();
  }

  public int metricsPort() {
    return metricsServer.port();
  }

  /**
   * Refuses new requests with 503, lets accepted ones finish, flushes the forwarder, then stops.
   */
  public synchronized void drain() throws InterruptedException {
    Duration timeout = config.server().shutdownTimeout();
    ready = false;
    if (!admission.drain(timeout)) {
      LOG.warning("shutdown timeout reached with " + admission.inFlight() + " requests in flight");
    }
  }

  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    LOG.info("tokenmeter processor draining: in_flight=" + admission.inFlight());
    try {
      drain();
      grpc.stop(config.server().shutdownTimeout().toMillis());
      http.stop();
      if (forwarder != null) {
        forwarder.stop(config.server().shutdownTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.log(Level.WARNING, "interrupted during shutdown", e);
    } finally {
      ledger.close();
      metricsServer.stop();
      LOG.info("tokenmeter processor stopped");
    }
  }
}
