/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BillableCallTest {
  @Test
  void aSpanNamingItsOperationIsACall() {
    assertThat(BillableCall.isMarker("gen_ai.operation.name")).isTrue();
    assertThat(BillableCall.namesCall("gen_ai.operation.name")).isTrue();
  }

  @Test
  void aSpanNamingItsProviderInAnySpellingIsACall() {
    assertThat(BillableCall.isMarker("gen_ai.provider.name")).isTrue();
    assertThat(BillableCall.isMarker("gen_ai.system")).isTrue();
  }

  @Test
  void aTraceloopSpanNamingItsRequestTypeIsACall() {
    assertThat(BillableCall.isMarker("llm.request.type")).isTrue();
    assertThat(BillableCall.namesCall("llm.request.type")).isTrue();
  }

  @Test
  void aSpanCountingInputTokensInAnySpellingIsACall() {
    assertThat(BillableCall.isMarker("gen_ai.usage.input_tokens")).isTrue();
    assertThat(BillableCall.isMarker("gen_ai.usage.prompt_tokens")).isTrue();
    assertThat(BillableCall.countsInputTokens("gen_ai.usage.prompt_tokens")).isTrue();
    assertThat(BillableCall.namesCall("gen_ai.usage.prompt_tokens")).isFalse();
  }

  @Test
  void modelsOutputTokensCostAndIdentityDoNotMakeACall() {
    assertThat(BillableCall.isMarker("gen_ai.request.model")).isFalse();
    assertThat(BillableCall.isMarker("gen_ai.response.model")).isFalse();
    assertThat(BillableCall.isMarker("gen_ai.usage.output_tokens")).isFalse();
    assertThat(BillableCall.isMarker("gen_ai.usage.completion_tokens")).isFalse();
    assertThat(BillableCall.isMarker("gen_ai.usage.cache_read.input_tokens")).isFalse();
    assertThat(BillableCall.isMarker("tokenmeter.cost.usd")).isFalse();
    assertThat(BillableCall.isMarker("gen_ai.usage.cost")).isFalse();
    assertThat(BillableCall.isMarker("user.id")).isFalse();
    assertThat(BillableCall.isMarker("http.request.method")).isFalse();
    assertThat(BillableCall.isMarker("")).isFalse();
  }

  @Test
  void listsTheMarkersNamesOfACallFirst() {
    assertThat(BillableCall.markers())
        .containsExactly(
            "gen_ai.operation.name",
            "gen_ai.provider.name",
            "gen_ai.system",
            "llm.request.type",
            "gen_ai.usage.input_tokens",
            "gen_ai.usage.prompt_tokens");
  }
}
