/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import io.tokenmeter.pricing.Cost;
import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.ModelPrice;
import io.tokenmeter.pricing.PriceCatalog;
import io.tokenmeter.pricing.TokenUsage;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link PriceCatalog#find} over the full bundled catalog and {@link CostCalculator#cost}. The
 * catalog remembers up to 4,096 lookups; {@code find*} measure the steady state (remembered),
 * {@code match*} a catalog whose memory is already full, so every lookup runs the matcher (the cost
 * of a never-seen model name).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PricingBenchmarks {
  private PriceCatalog catalog;
  private PriceCatalog fullMemory;
  private ModelPrice gpt4oMini;
  private ModelPrice sonnet45;
  private TokenUsage cachedAndReasoning;
  private TokenUsage longContext;

  @Setup
  public void setUp() {
    catalog = PriceCatalog.bundled();
    fullMemory =
        catalog.withOverrides(
            PriceCatalog.parse(
                new StringReader(
                    "provider,model,input,output,cache_read,cache_write,reasoning,"
                        + "long_context_threshold,input_long,output_long,cache_read_long,source\n"),
                "empty"));
    for (int i = 0; i < 5_000; i++) {
      fullMemory.find("openai", "filler-model-" + i);
    }
    gpt4oMini = catalog.find("openai", "gpt-4o-mini");
    sonnet45 = catalog.find("anthropic", "claude-sonnet-4-5");
    cachedAndReasoning = TokenUsage.of(1_200, 800, 400, 0, 300);
    longContext = TokenUsage.of(250_000, 2_000, 50_000, 10_000, 0);
    for (String[] q : QUERIES) {
      catalog.find(q[0], q[1]);
    }
  }

  private static final String[][] QUERIES = {
    {"openai", "gpt-4o-mini"},
    {"openai", "gpt-4o-mini-2024-07-18"},
    {"aws.bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0"},
    {"openai", "acme-chat-1"},
  };

  @Benchmark
  public ModelPrice findExact() {
    return catalog.find("openai", "gpt-4o-mini");
  }

  @Benchmark
  public ModelPrice findPrefix() {
    return catalog.find("openai", "gpt-4o-mini-2024-07-18");
  }

  @Benchmark
  public ModelPrice findBedrock() {
    return catalog.find("aws.bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0");
  }

  @Benchmark
  public ModelPrice findUnknown() {
    return catalog.find("openai", "acme-chat-1");
  }

  @Benchmark
  public ModelPrice matchExact() {
    return fullMemory.find("openai", "gpt-4o-mini");
  }

  @Benchmark
  public ModelPrice matchPrefix() {
    return fullMemory.find("openai", "gpt-4o-mini-2024-07-18");
  }

  @Benchmark
  public ModelPrice matchBedrock() {
    return fullMemory.find("aws.bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0");
  }

  @Benchmark
  public ModelPrice matchUnknown() {
    return fullMemory.find("openai", "acme-chat-1");
  }

  @Benchmark
  public Cost costCachedAndReasoning() {
    return CostCalculator.cost(gpt4oMini, cachedAndReasoning);
  }

  @Benchmark
  public Cost costLongContext() {
    return CostCalculator.cost(sonnet45, longContext);
  }
}
