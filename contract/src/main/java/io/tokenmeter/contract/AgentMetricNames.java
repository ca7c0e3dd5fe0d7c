/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

/** The OpenTelemetry metrics the agent extension records; docs/contract.md, "Agent metrics". */
public final class AgentMetricNames {
  /** Histogram of tokens per call, by {@link GenAiAttributes#GEN_AI_TOKEN_TYPE}. */
  public static final String GEN_AI_CLIENT_TOKEN_USAGE = "gen_ai.client.token.usage";

  /** Histogram of call durations in seconds. */
  public static final String GEN_AI_CLIENT_OPERATION_DURATION = "gen_ai.client.operation.duration";

  /** Histogram of the time to the first chunk of a streamed response, in seconds. */
  public static final String GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK =
      "gen_ai.client.operation.time_to_first_chunk";

  /** Counter of the cost of calls in USD. */
  public static final String TOKENMETER_CLIENT_COST = "tokenmeter.client.cost";

  private AgentMetricNames() {}
}
