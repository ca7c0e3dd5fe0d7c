package io.tokenmeter.processor;

import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.processor.attribution.CallRecorder;
import io.tokenmeter.processor.attribution.LabelGuard;
import io.tokenmeter.processor.attribution.SessionTracker;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.forward.OtlpForwarder;
import io.tokenmeter.processor.metrics.MetricsServer;
import io.tokenmeter.processor.metrics.ProcessorMetrics;
import io.tokenmeter.processor.otlp.AdmissionControl;
import io.tokenmeter.processor.otlp.OtlpGrpcReceiver;
import io.tokenmeter.processor.otlp.OtlpHttpReceiver;
import io.tokenmeter.processor.pricing.PricedCallListener;
import io.tokenmeter.processor.pricing.SpanPricer;
import java.io.IOException;
import java.time.Duration;
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
  private final LabelGuard users;
  private final OtlpHttpReceiver http;
  private final OtlpGrpcReceiver grpc;
  private final MetricsServer metricsServer;
  private volatile boolean ready;
  private boolean stopped;

  public Processor(ProcessorConfig config, PriceCatalog catalog) throws IOException {
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
    this.users = new LabelGuard("user", limits.maxUsers(), metrics.cardinalityOverflow);
    LabelGuard agents = new LabelGuard("agent", limits.maxAgents(), metrics.cardinalityOverflow);
    SessionTracker sessions =
        new SessionTracker(
            limits.maxSessions(),
            config.sessions().maxTracked(),
            config.sessions().window(),
            config.sessions().idle(),
            System::currentTimeMillis,
            metrics.cardinalityOverflow);
    metrics.bindSessions(sessions::snapshot);
    pipeline.addListener(new CallRecorder(metrics, users, agents, sessions));
    this.http = new OtlpHttpReceiver(server, pipeline, admission, metrics);
    this.grpc = new OtlpGrpcReceiver(server, pipeline, admission, metrics);
    this.metricsServer =
        new MetricsServer(
            server.bindAddress(),
            server.metricsPort(),
            metrics,
            () -> ready && !admission.draining());
  }

  /** Loads the bundled catalog plus the configured override file. */
  public static PriceCatalog catalog(ProcessorConfig.Pricing pricing) throws IOException {
    PriceCatalog bundled = PriceCatalog.bundled();
    return pricing.overrideFile() == null
        ? bundled
        : bundled.withOverrides(PriceCatalog.load(pricing.overrideFile()));
  }

  public void start() throws IOException {
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

  /** Adds a listener for every priced call (the hook for budgets). */
  public void addListener(PricedCallListener listener) {
    pipeline.addListener(listener);
  }

  /** The user guard, so budget subjects can be marked as always kept. */
  public LabelGuard userGuard() {
    return users;
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
      metricsServer.stop();
      LOG.info("tokenmeter processor stopped");
    }
  }
}
