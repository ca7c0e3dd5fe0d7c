/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each benchmark runs end to end with tiny iteration counts and prints its table. The figures mean
 * nothing here; BENCHMARKS.md has the real runs.
 */
class BenchmarksSmokeTest {
  private interface Benchmark {
    void run(BenchArgs args, PrintStream out) throws Exception;
  }

  private static String run(Benchmark benchmark, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      benchmark.run(BenchArgs.parse(args), out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    return printed;
  }

  private static void assertPrintsTable(String printed, String title, String... columns) {
    assertThat(printed).contains("# " + title).contains("| ---");
    for (String column : columns) {
      assertThat(printed).contains(column);
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void agentOverheadPrintsPerCallStartupAndExportTables() throws Exception {
    String printed =
        run(
            AgentOverheadBenchmark::run,
            "--rounds=1",
            "--warmup=1",
            "--calls=2",
            "--verify=false",
            "--setups=AGENT_ALONE,EXTENSION",
            "--child-jvm-options=-XX:TieredStopAtLevel=1");
    assertPrintsTable(
        printed,
        AgentOverheadBenchmark.TITLE,
        "median / agent alone",
        "start to first call",
        "openai-chat-stream",
        "anthropic-message",
        "with tokenmeter.cost.usd");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void perCallCostPrintsJmhTableAndOurAddedCost() throws Exception {
    String printed =
        run(
            PerCallCostBenchmark::run,
            "--forks=0",
            "--warmup-iterations=0",
            "--iterations=1",
            "--iteration-ms=50");
    assertPrintsTable(
        printed,
        PerCallCostBenchmark.TITLE,
        "PricingBenchmarks.matchBedrock",
        "GenAiSpanProcessorBenchmarks.genAiSpanWithBaggage_tokenmeter",
        "our added cost per span");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void processorThroughputPrintsHttpGrpcAndDecodeOnly() throws Exception {
    String printed =
        run(
            ProcessorThroughputBenchmark::run,
            "--warmup-ms=200",
            "--measure-ms=300",
            "--batches=2",
            "--connections=2");
    assertPrintsTable(
        printed,
        ProcessorThroughputBenchmark.TITLE,
        "OTLP/HTTP protobuf",
        "OTLP/gRPC",
        "20% non-GenAI",
        "decode-only");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void processorMemoryPrintsHeapAndMetricsSize() throws Exception {
    String printed = run(ProcessorMemoryBenchmark::run, "--spans=3000", "--settle-ms=500");
    assertPrintsTable(
        printed,
        ProcessorMemoryBenchmark.TITLE,
        "heap used after full GC MB",
        "/metrics series",
        "3,000");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void alertLatencyPrintsItsTable() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (ci) {
      assertThat(AlertLatencyBenchmark.toolsInstalled())
          .as("CI=true: prometheus and prometheus-alertmanager must be installed")
          .isTrue();
    }
    assumeTrue(AlertLatencyBenchmark.toolsInstalled(), "prometheus/alertmanager not installed");
    String printed =
        run(
            AlertLatencyBenchmark::run,
            "--trials=1",
            "--scrape-interval=1s",
            "--evaluation-interval=1s");
    assertPrintsTable(printed, AlertLatencyBenchmark.TITLE, "webhook received s");
    assertThat(printed).doesNotContain("timed out");
  }
}
