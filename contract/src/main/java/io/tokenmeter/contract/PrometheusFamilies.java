/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

/**
 * The metric families the processor exposes on {@code /metrics}, as Prometheus names them (counters
 * with {@code _total}); docs/contract.md, "Prometheus families".
 */
public final class PrometheusFamilies {
  public static final String REQUESTS_TOTAL = "tokenmeter_requests_total";
  public static final String TOKENS_TOTAL = "tokenmeter_tokens_total";
  public static final String COST_USD_TOTAL = "tokenmeter_cost_usd_total";
  public static final String REQUEST_DURATION_SECONDS = "tokenmeter_request_duration_seconds";
  public static final String TIME_TO_FIRST_TOKEN_SECONDS = "tokenmeter_time_to_first_token_seconds";

  public static final String USER_COST_USD_TOTAL = "tokenmeter_user_cost_usd_total";
  public static final String USER_TOKENS_TOTAL = "tokenmeter_user_tokens_total";
  public static final String USER_REQUESTS_TOTAL = "tokenmeter_user_requests_total";
  public static final String AGENT_COST_USD_TOTAL = "tokenmeter_agent_cost_usd_total";

  public static final String SESSION_COST_USD = "tokenmeter_session_cost_usd";
  public static final String SESSION_TOKENS = "tokenmeter_session_tokens";
  public static final String SESSION_REQUESTS = "tokenmeter_session_requests";

  public static final String BUDGET_LIMIT_USD = "tokenmeter_budget_limit_usd";
  public static final String BUDGET_SPENT_USD = "tokenmeter_budget_spent_usd";
  public static final String BUDGET_PERIOD_ELAPSED_RATIO = "tokenmeter_budget_period_elapsed_ratio";
  public static final String BUDGET_WARNING_RATIO = "tokenmeter_budget_warning_ratio";
  public static final String BUDGET_CRITICAL_RATIO = "tokenmeter_budget_critical_ratio";

  public static final String UNPRICED_REQUESTS_TOTAL = "tokenmeter_unpriced_requests_total";
  public static final String SPANS_RECEIVED_TOTAL = "tokenmeter_spans_received_total";
  public static final String CARDINALITY_OVERFLOW_TOTAL = "tokenmeter_cardinality_overflow_total";
  public static final String LEDGER_FOLDED_REQUESTS_TOTAL =
      "tokenmeter_ledger_folded_requests_total";
  public static final String REJECTED_REQUESTS_TOTAL = "tokenmeter_rejected_requests_total";
  public static final String FORWARDED_REQUESTS_TOTAL = "tokenmeter_forwarded_requests_total";
  public static final String FORWARD_DROPPED_REQUESTS_TOTAL =
      "tokenmeter_forward_dropped_requests_total";
  public static final String FORWARD_QUEUE_LENGTH = "tokenmeter_forward_queue_length";

  private PrometheusFamilies() {}
}
