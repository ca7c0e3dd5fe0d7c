/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.util.Arrays;

/**
 * The benchmarks jar's entry point: {@code java -jar benchmarks/target/tokenmeter-benchmarks.jar
 * <benchmark> [--option=value ...]}, run from the repository root.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String name = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (name) {
      case "agent-overhead" -> AgentOverheadBenchmark.main(rest);
      case "per-call-cost" -> PerCallCostBenchmark.main(rest);
      case "processor-throughput" -> ProcessorThroughputBenchmark.main(rest);
      case "processor-memory" -> ProcessorMemoryBenchmark.main(rest);
      case "alert-latency" -> AlertLatencyBenchmark.main(rest);
      default -> {
        System.err.println(
            "usage: java -jar tokenmeter-benchmarks.jar agent-overhead|per-call-cost|"
                + "processor-throughput|processor-memory|alert-latency [--option=value ...]"
                + " (see BENCHMARKS.md)");
        System.exit(2);
      }
    }
  }
}
