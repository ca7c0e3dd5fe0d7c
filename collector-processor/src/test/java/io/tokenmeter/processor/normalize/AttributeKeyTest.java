/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.contract.BillableCall;
import org.junit.jupiter.api.Test;

class AttributeKeyTest {
  @Test
  void findsEveryKnownKeyByItsName() {
    for (AttributeKey k : AttributeKey.values()) {
      assertThat(AttributeKey.of(new String(k.key().toCharArray()))).isSameAs(k);
    }
  }

  @Test
  void tellsApartKeysOfTheSameLength() {
    assertThat(AttributeKey.of("gen_ai.usage.cache_read.input_tokens"))
        .isEqualTo(AttributeKey.CACHE_READ_TOKENS);
    assertThat(AttributeKey.of("gen_ai.usage.cache_read_input_tokens"))
        .isEqualTo(AttributeKey.CACHE_READ_TOKENS_OLD);
    assertThat(AttributeKey.of("gen_ai.usage.reasoning.output_tokens"))
        .isEqualTo(AttributeKey.REASONING_TOKENS);
  }

  @Test
  void ignoresUnknownKeysOfAnyLength() {
    assertThat(AttributeKey.of("")).isNull();
    assertThat(AttributeKey.of("server.port")).isNull();
    assertThat(AttributeKey.of("gen_ai.usage.input_tokenz")).isNull();
    assertThat(AttributeKey.of("GEN_AI.OPERATION.NAME")).isNull();
    assertThat(AttributeKey.of("x".repeat(500))).isNull();
  }

  @Test
  void marksTheSameKeysAsGenAiAsBefore() {
    assertThat(AttributeKey.values())
        .filteredOn(AttributeKey::marker)
        .extracting(AttributeKey::key)
        .containsExactlyInAnyOrder(
            "gen_ai.operation.name",
            "gen_ai.system",
            "gen_ai.provider.name",
            "gen_ai.usage.prompt_tokens",
            "gen_ai.usage.input_tokens",
            "llm.request.type");
  }

  @Test
  void marksExactlyTheContractsBillableCallMarkers() {
    assertThat(AttributeKey.values())
        .filteredOn(AttributeKey::marker)
        .extracting(AttributeKey::key)
        .containsExactlyInAnyOrderElementsOf(BillableCall.markers());
  }
}
