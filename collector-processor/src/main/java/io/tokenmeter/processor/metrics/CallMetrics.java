/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

/**
 * The series a priced GenAI call is recorded in, by label values in the order of each family's
 * labels (docs/contract.md). Each method creates the series at its first use; callers keep the
 * handles, so recording a call looks up nothing.
 */
public interface CallMetrics {
  CounterDataPoint requests(
      String service, String provider, String model, String operation, String outcome);

  CounterDataPoint tokens(String service, String provider, String model, String tokenType);

  PicoDollarCounterFamily.Series cost(
      String service, String provider, String model, String tokenType);

  DistributionDataPoint duration(String service, String provider, String model, String operation);

  DistributionDataPoint timeToFirstToken(String service, String provider, String model);

  CounterDataPoint unpriced(String provider, String model);

  CounterDataPoint userRequests(String user, String service, String model);

  CounterDataPoint userTokens(String user, String service, String model, String tokenType);

  PicoDollarCounterFamily.Series userCost(String user, String service, String model);

  PicoDollarCounterFamily.Series agentCost(String agent, String service, String model);
}
