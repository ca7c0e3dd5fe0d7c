/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UsageKeyTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");

  @Test
  void equalKeysHaveEqualHashes() {
    UsageKey a = UsageKey.of(DAY, "svc", "openai", "gpt-4o", "alice", "agent", "s1");
    UsageKey b = UsageKey.of(DAY, new String("svc"), "openai", "gpt-4o", "alice", "agent", "s1");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(UsageKey.of(DAY, "svc", "openai", "gpt-4o", "alice", "", "s1"));
    assertThat(a)
        .isNotEqualTo(
            UsageKey.of(DAY.plusDays(1), "svc", "openai", "gpt-4o", "alice", "agent", "s1"));
  }

  @Test
  void absentValuesAreEmptyStrings() {
    UsageKey k = UsageKey.of(DAY, null, null, null, null, null, null);

    assertThat(k.service()).isEmpty();
    assertThat(k.user()).isEmpty();
    assertThat(k.session()).isEmpty();
    assertThat(k).isEqualTo(UsageKey.of(DAY, "", "", "", "", "", ""));
  }

  @Test
  void sharingNamesKeepsTheKeyEqual() {
    UsageKey k = UsageKey.of(DAY, new String("svc"), "openai", "gpt-4o", "alice", "agent", "s1");

    UsageKey shared = k.withSharedNames(String::intern);

    assertThat(shared).isEqualTo(k).hasSameHashCodeAs(k);
    assertThat(shared.service()).isSameAs("svc");
    assertThat(shared.withSharedNames(String::intern)).isSameAs(shared);
  }

  @Test
  void foldingKeepsEverythingButUserAndSession() {
    UsageKey k = UsageKey.of(DAY, "svc", "openai", "gpt-4o", "alice", "agent", "s1");

    assertThat(k.folded())
        .isEqualTo(UsageKey.of(DAY, "svc", "openai", "gpt-4o", "__other__", "agent", "__other__"));
    UsageKey anonymous = UsageKey.of(DAY, "svc", "openai", "gpt-4o", null, "agent", null);
    assertThat(anonymous.folded()).isSameAs(anonymous);
  }
}
