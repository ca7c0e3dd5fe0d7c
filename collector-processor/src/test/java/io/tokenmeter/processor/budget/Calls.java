/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.budget;

import io.tokenmeter.processor.ledger.Money;
import io.tokenmeter.processor.normalize.GenAiCall;
import io.tokenmeter.processor.price.CostBreakdown;
import io.tokenmeter.processor.price.PricedCall;
import io.tokenmeter.processor.price.PricedCallListener;
import io.tokenmeter.processor.price.TokenCounts;
import io.tokenmeter.processor.usage.UsageAccumulator;
import io.tokenmeter.processor.usage.UsageRecorder;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Builds priced calls for budget tests. */
public final class Calls {
  private Calls() {}

  /**
   * Returns a listener that charges {@code tracker}'s budgets and adds to {@code usage}'s daily
   * rollups, as the processor's pipeline does.
   */
  public static PricedCallListener chargingAndRollingUp(
      BudgetTracker tracker, UsageAccumulator usage, Clock clock) {
    UsageRecorder rollups = new UsageRecorder(usage, clock, tracker.config().timeZone());
    return new PricedCallListener() {
      @Override
      public void onPricedCall(PricedCall call) {
        onPricedCalls(List.of(call));
      }

      @Override
      public void onPricedCalls(List<PricedCall> calls) {
        tracker.onPricedCalls(calls);
        rollups.onPricedCalls(calls);
      }
    };
  }

  /** A call of {@code usd} by {@code user} in {@code service} on openai gpt-4o-mini. */
  public static PricedCall call(String service, String user, String session, String usd) {
    return call(service, "openai", "gpt-4o-mini", user, null, session, usd);
  }

  public static PricedCall call(
      String service,
      String provider,
      String model,
      String user,
      String agent,
      String session,
      String usd) {
    return call(service, provider, model, user, agent, session, usd, Map.of());
  }

  /** A call of {@code usd} by {@code user} carrying {@code dimensions} (tokenmeter.dim.*). */
  public static PricedCall call(String user, Map<String, String> dimensions, String usd) {
    return call("svc", "openai", "gpt-4o-mini", user, null, null, usd, dimensions);
  }

  public static PricedCall call(
      String service,
      String provider,
      String model,
      String user,
      String agent,
      String session,
      String usd,
      Map<String, String> dimensions) {
    GenAiCall c =
        new GenAiCall(
            service,
            provider,
            model,
            "chat",
            false,
            100,
            20,
            10,
            0,
            5,
            user,
            session,
            agent,
            -1,
            null,
            1.0,
            Double.NaN,
            null,
            null,
            dimensions);
    long cost = Money.toPico(new BigDecimal(usd));
    return new PricedCall(
        c,
        new TokenCounts(90, 10, 0, 15, 5),
        new CostBreakdown(0, 0, 0, cost, 0),
        "gpt-4o-mini",
        true);
  }
}
