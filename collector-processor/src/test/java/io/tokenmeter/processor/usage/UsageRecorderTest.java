/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.usage;

import static io.tokenmeter.processor.budget.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.processor.budget.MutableClock;
import io.tokenmeter.processor.ledger.Money;
import io.tokenmeter.processor.ledger.UsageDelta;
import io.tokenmeter.processor.ledger.UsageKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageRecorderTest {
  private final UsageAccumulator usage = new UsageAccumulator();
  private final MutableClock clock = MutableClock.at("2026-11-20T23:30:00Z");

  private static UsageKey alice(String day) {
    return UsageKey.of(LocalDate.parse(day), "svc", "openai", "gpt-4o-mini", "alice", null, "s1");
  }

  @Test
  void addsEachCallToTheRollupOfItsDayInTheBudgetTimeZone() {
    UsageRecorder recorder = new UsageRecorder(usage, clock, ZoneId.of("Europe/Berlin"));
    recorder.onPricedCalls(
        List.of(call("svc", "alice", "s1", "1.5"), call("svc", "alice", "s1", "0.25")));

    Map<UsageKey, UsageDelta> drained = usage.drain();
    assertThat(drained).containsOnlyKeys(alice("2026-11-21")); // 00:30 in Berlin
    assertThat(drained.get(alice("2026-11-21")).requests()).isEqualTo(2);
    assertThat(drained.get(alice("2026-11-21")).costPico())
        .isEqualTo(Money.toPico(new BigDecimal("1.75")));
  }

  @Test
  void aReloadedTimeZonePlacesLaterCallsInItsDays() {
    UsageRecorder recorder = new UsageRecorder(usage, clock, ZoneId.of("Europe/Berlin"));
    recorder.onPricedCall(call("svc", "alice", "s1", "1"));
    recorder.timeZone(ZoneId.of("UTC"));
    recorder.onPricedCall(call("svc", "alice", "s1", "2"));

    Map<UsageKey, UsageDelta> drained = usage.drain();
    assertThat(drained).containsOnlyKeys(alice("2026-11-21"), alice("2026-11-20"));
    assertThat(drained.get(alice("2026-11-20")).costPico())
        .isEqualTo(Money.toPico(new BigDecimal("2")));
  }
}
