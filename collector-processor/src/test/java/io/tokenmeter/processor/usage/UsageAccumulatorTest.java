/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenmeter.processor.ledger.UsageDelta;
import io.tokenmeter.processor.ledger.UsageKey;
import io.tokenmeter.processor.price.TokenCounts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class UsageAccumulatorTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private static final TokenCounts TOKENS = new TokenCounts(10, 1, 2, 5, 3);
  private static final long PICO = 1_234_567;

  private final LongAdder folded = new LongAdder();
  private final AtomicInteger wakeUps = new AtomicInteger();

  private UsageAccumulator bounded(int maxPending) {
    UsageAccumulator usage = new UsageAccumulator(maxPending, folded::add);
    usage.onBacklog(wakeUps::incrementAndGet);
    return usage;
  }

  private static UsageKey key(String user, String session) {
    return UsageKey.of(DAY, "svc", "openai", "gpt-4o", user, "agent", session);
  }

  private static void addDistinct(UsageAccumulator usage, int from, int to) {
    for (int i = from; i < to; i++) {
      usage.add(key("user-" + i, "session-" + i), TOKENS, PICO, 1000L + i);
    }
  }

  @Test
  void aBurstOfDistinctUsersStaysWithinTheBound() {
    UsageAccumulator usage = bounded(1000);

    addDistinct(usage, 0, 100_000);

    // 1,000 exact keys plus one folded key for svc/openai/gpt-4o/agent
    assertThat(usage.size()).isEqualTo(1001);
  }

  @Test
  void totalsStayExactAfterFolding() {
    UsageAccumulator usage = bounded(1000);
    int calls = 25_000;

    addDistinct(usage, 0, calls);

    Map<UsageKey, UsageDelta> drained = usage.drain();
    assertThat(drained.values().stream().mapToLong(UsageDelta::requests).sum()).isEqualTo(calls);
    assertThat(drained.values().stream().mapToLong(UsageDelta::costPico).sum())
        .isEqualTo(calls * PICO);
    assertThat(drained.values().stream().mapToLong(UsageDelta::input).sum()).isEqualTo(calls * 10L);
    assertThat(drained.values().stream().mapToLong(UsageDelta::reasoning).sum())
        .isEqualTo(calls * 3L);
    UsageDelta other = drained.get(key(UsageKey.OTHER, UsageKey.OTHER));
    assertThat(other.requests()).isEqualTo(calls - 1000);
    assertThat(other.firstSeen()).isEqualTo(2000);
    assertThat(other.lastSeen()).isEqualTo(1000L + calls - 1);
    assertThat(drained.get(key("user-7", "session-7")).requests()).isEqualTo(1);
  }

  @Test
  void foldedCallsAreCounted() {
    UsageAccumulator usage = bounded(1000);

    addDistinct(usage, 0, 1500);

    assertThat(folded.sum()).isEqualTo(500);
  }

  @Test
  void keysPendingBeforeTheBoundKeepTheirDetail() {
    UsageAccumulator usage = bounded(10);
    addDistinct(usage, 0, 10);

    usage.add(key("user-3", "session-3"), TOKENS, PICO, 5000);
    addDistinct(usage, 10, 20);
    usage.add(key("user-3", "session-3"), TOKENS, PICO, 6000);

    Map<UsageKey, UsageDelta> drained = usage.drain();
    assertThat(drained.get(key("user-3", "session-3")).requests()).isEqualTo(3);
    assertThat(drained.get(key(UsageKey.OTHER, UsageKey.OTHER)).requests()).isEqualTo(10);
    assertThat(folded.sum()).isEqualTo(10);
  }

  @Test
  void callsWithoutUserOrSessionAreNotCountedAsSomeones() {
    UsageAccumulator usage = bounded(2);
    addDistinct(usage, 0, 2);

    usage.add(key("", ""), TOKENS, PICO, 1);
    usage.add(key("bob", ""), TOKENS, PICO, 1);

    Map<UsageKey, UsageDelta> drained = usage.drain();
    assertThat(drained).containsKeys(key("", ""), key(UsageKey.OTHER, ""));
    assertThat(folded.sum()).isEqualTo(1);
  }

  @Test
  void theFlusherIsWokenOnceAtHalfTheBoundUntilItDrains() {
    UsageAccumulator usage = bounded(100);

    addDistinct(usage, 0, 50);
    assertThat(wakeUps).hasValue(0);
    addDistinct(usage, 50, 80);
    assertThat(wakeUps).hasValue(1);

    usage.drain();
    addDistinct(usage, 100, 150);
    assertThat(wakeUps).hasValue(1);
    addDistinct(usage, 150, 151);
    assertThat(wakeUps).hasValue(2);
  }

  @Test
  void aFailedFlushFoldsWhatNoLongerFitsAndWaitsForTheInterval() {
    UsageAccumulator usage = bounded(1000);
    addDistinct(usage, 0, 1000);
    Map<UsageKey, UsageDelta> failed = usage.drain();
    addDistinct(usage, 1000, 1900); // arrives while the write is failing
    int wakeUpsBefore = wakeUps.get();

    usage.restore(failed);

    assertThat(usage.size()).isEqualTo(1001);
    assertThat(wakeUps).hasValue(wakeUpsBefore); // a database that is down is retried per interval
    Map<UsageKey, UsageDelta> drained = usage.drain();
    assertThat(drained.values().stream().mapToLong(UsageDelta::requests).sum()).isEqualTo(1900);
    assertThat(drained.values().stream().mapToLong(UsageDelta::costPico).sum())
        .isEqualTo(1900 * PICO);
    assertThat(drained.get(key(UsageKey.OTHER, UsageKey.OTHER)).requests()).isEqualTo(900);
    assertThat(folded.sum()).isEqualTo(900);
  }

  @Test
  @Timeout(60)
  void concurrentWritersAndDrainsLoseNothingUnderTheBound() throws Exception {
    UsageAccumulator usage = bounded(500);
    int threads = 4;
    int perThread = 50_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      writers.add(pool.submit(() -> addDistinct(usage, id * perThread, (id + 1) * perThread)));
    }
    long requests = 0;
    long pico = 0;
    int maxSize = 0;
    while (!writers.stream().allMatch(Future::isDone)) {
      maxSize = Math.max(maxSize, usage.size());
      for (UsageDelta d : usage.drain().values()) {
        requests += d.requests();
        pico += d.costPico();
      }
    }
    for (Future<?> f : writers) {
      f.get();
    }
    pool.shutdown();
    for (UsageDelta d : usage.drain().values()) {
      requests += d.requests();
      pico += d.costPico();
    }

    assertThat(requests).isEqualTo((long) threads * perThread);
    assertThat(pico).isEqualTo(threads * perThread * PICO);
    assertThat(maxSize).isLessThanOrEqualTo(500 + threads + 1);
  }

  @Test
  void pendingKeysShareOneCopyOfEachName() {
    UsageAccumulator usage = bounded(1000);
    usage.add(key("alice", "s1"), TOKENS, PICO, 1);

    usage.add(
        UsageKey.of(DAY, new String("svc"), "openai", new String("gpt-4o"), "bob", "agent", "s2"),
        TOKENS,
        PICO,
        2);

    UsageKey[] keys = usage.drain().keySet().toArray(UsageKey[]::new);
    assertThat(keys[0].service()).isSameAs(keys[1].service());
    assertThat(keys[0].model()).isSameAs(keys[1].model());
  }

  @Test
  void theBoundMustBePositive() {
    assertThatThrownBy(() -> new UsageAccumulator(0, n -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
