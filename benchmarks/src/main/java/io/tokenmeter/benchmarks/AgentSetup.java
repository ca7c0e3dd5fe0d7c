/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The ways the overhead benchmark runs the same app; {@link #TIMED} are measured. {@link
 * #AGENT_DEFAULTS} (the agent alone, default settings) is only run before them, next to {@link
 * #EXTENSION_DISABLED}, to show that {@code tokenmeter.enabled=false} exports what the agent
 * without us does (the agent's own openai-java spans, nothing of ours).
 */
enum AgentSetup {
  NO_AGENT("no agent", false, false),
  AGENT_DEFAULTS("agent alone, default settings", true, false),
  EXTENSION_DISABLED(
      "agent + extension, tokenmeter.enabled=false",
      true,
      true,
      "-Dotel.instrumentation.tokenmeter.enabled=false"),
  AGENT_ALONE(
      "agent alone (built-in openai-java on)",
      true,
      false,
      "-Dotel.instrumentation.openai-java.enabled=true"),
  EXTENSION("agent + Tokenmeter extension", true, true);

  static final java.util.List<AgentSetup> TIMED =
      java.util.List.of(NO_AGENT, EXTENSION_DISABLED, AGENT_ALONE, EXTENSION);

  final String label;
  private final boolean agent;
  private final boolean extension;
  private final List<String> extraProperties;

  AgentSetup(String label, boolean agent, boolean extension, String... extraProperties) {
    this.label = label;
    this.agent = agent;
    this.extension = extension;
    this.extraProperties = List.of(extraProperties);
  }

  String serviceName() {
    return "bench-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * Returns the JVM options of this setup, exporting OTLP http/protobuf to {@code otlpEndpoint}.
   */
  List<String> jvmOptions(String otlpEndpoint) {
    List<String> options = new ArrayList<>();
    if (!agent) {
      return options;
    }
    options.add("-javaagent:" + RepoPaths.dist("opentelemetry-javaagent.jar"));
    if (extension) {
      options.add(
          "-Dotel.javaagent.extensions=" + RepoPaths.dist("tokenmeter-agent-extension.jar"));
    }
    options.add("-Dotel.service.name=" + serviceName());
    options.add("-Dotel.exporter.otlp.endpoint=" + otlpEndpoint);
    options.add("-Dotel.exporter.otlp.protocol=http/protobuf");
    options.add("-Dotel.traces.exporter=otlp");
    options.add("-Dotel.metrics.exporter=otlp");
    options.add("-Dotel.logs.exporter=otlp");
    // Metrics leave every second, so their export cost lands inside the measured calls.
    options.add("-Dotel.metric.export.interval=1000");
    options.addAll(extraProperties);
    return options;
  }
}
