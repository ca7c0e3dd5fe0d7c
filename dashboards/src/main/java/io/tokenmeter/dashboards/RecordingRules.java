/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static io.tokenmeter.contract.PrometheusFamilies.BUDGET_CRITICAL_RATIO;
import static io.tokenmeter.contract.PrometheusFamilies.BUDGET_LIMIT_USD;
import static io.tokenmeter.contract.PrometheusFamilies.BUDGET_PERIOD_ELAPSED_RATIO;
import static io.tokenmeter.contract.PrometheusFamilies.BUDGET_SPENT_USD;
import static io.tokenmeter.contract.PrometheusFamilies.BUDGET_WARNING_RATIO;

/** The recording rules of prometheus/rules/tokenmeter-recording.yml that the dashboards query. */
final class RecordingRules {
  private static final String BY_SUBJECT = "budget_scope_subject_period:";

  static final String BUDGET_SPENT = BY_SUBJECT + BUDGET_SPENT_USD + ":max";
  static final String BUDGET_LIMIT = BY_SUBJECT + BUDGET_LIMIT_USD + ":max";
  static final String BUDGET_SPENT_RATIO = BY_SUBJECT + BUDGET_SPENT_USD + ":ratio";
  static final String BUDGET_WARNING = BY_SUBJECT + BUDGET_WARNING_RATIO + ":max";
  static final String BUDGET_CRITICAL = BY_SUBJECT + BUDGET_CRITICAL_RATIO + ":max";
  static final String BUDGET_FORECAST = BY_SUBJECT + BUDGET_SPENT_USD + ":forecast_linear";
  static final String BUDGET_PERIOD_ELAPSED =
      "budget_period:" + BUDGET_PERIOD_ELAPSED_RATIO + ":max";

  private RecordingRules() {}
}
