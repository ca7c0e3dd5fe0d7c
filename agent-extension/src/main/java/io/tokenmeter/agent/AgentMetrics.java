/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static io.tokenmeter.contract.AgentMetricNames.GEN_AI_CLIENT_OPERATION_DURATION;
import static io.tokenmeter.contract.AgentMetricNames.GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK;
import static io.tokenmeter.contract.AgentMetricNames.GEN_AI_CLIENT_TOKEN_USAGE;
import static io.tokenmeter.contract.AgentMetricNames.TOKENMETER_CLIENT_COST;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.Arrays;
import java.util.List;

/**
 * The extension's own instruments: the cost counter for every priced GenAI span, and the semconv
 * token and duration histograms for GenAI spans whose maker records no metrics (SDKs' own spans).
 */
final class AgentMetrics {
  private static final List<Long> TOKEN_BUCKETS =
      Arrays.asList(
          1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L,
          16777216L, 67108864L);
  private static final List<Double> DURATION_BUCKETS =
      Arrays.asList(
          0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

  private final DoubleCounter cost;
  private final LongHistogram tokens;
  private final DoubleHistogram duration;
  private final DoubleHistogram timeToFirstChunk;

  AgentMetrics(Meter meter) {
    cost =
        meter
            .counterBuilder(TOKENMETER_CLIENT_COST)
            .ofDoubles()
            .setUnit("USD")
            .setDescription("Cost of GenAI client calls, priced by the Tokenmeter catalog.")
            .build();
    tokens =
        meter
            .histogramBuilder(GEN_AI_CLIENT_TOKEN_USAGE)
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Number of input and output tokens used.")
            .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
            .build();
    duration =
        meter
            .histogramBuilder(GEN_AI_CLIENT_OPERATION_DURATION)
            .setUnit("s")
            .setDescription("GenAI operation duration.")
            .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
            .build();
    timeToFirstChunk =
        meter
            .histogramBuilder(GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK)
            .setUnit("s")
            .setDescription("Time from the request to the first chunk of a streamed response.")
            .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
            .build();
  }

  void recordTimeToFirstChunk(double seconds, Attributes attributes) {
    timeToFirstChunk.record(seconds, attributes);
  }

  static AgentMetrics fromGlobal() {
    return new AgentMetrics(GlobalOpenTelemetry.get().getMeter("io.tokenmeter.agent"));
  }

  void recordCost(double usd, Attributes attributes) {
    cost.add(usd, attributes);
  }

  void recordUsage(Long input, Long output, double seconds, CallProfile call) {
    if (input != null) {
      tokens.record(input, call.inputTokenAttributes);
    }
    if (output != null) {
      tokens.record(output, call.outputTokenAttributes);
    }
    duration.record(seconds, call.metricAttributes);
  }
}
