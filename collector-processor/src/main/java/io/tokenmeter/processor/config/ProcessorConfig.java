package io.tokenmeter.processor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Holds the whole, validated processor configuration. */
public record ProcessorConfig(
    Server server, Pricing pricing, Cardinality cardinality, Sessions sessions, Forward forward) {

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

  /** Returns the configuration with every default, as used when no file and no env var is given. */
  public static ProcessorConfig defaults() {
    return ConfigLoader.fromValues(Map.of());
  }
}
