/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenmeterConfigTest {
  private final Map<String, String> settings = new HashMap<>();

  @Test
  void hasSafeDefaults() {
    TokenmeterConfig config = TokenmeterConfig.from(settings::get);

    assertThat(config.enabled()).isTrue();
    assertThat(config.userBaggageKey()).isEqualTo("user.id");
    assertThat(config.sessionBaggageKey()).isEqualTo("session.id");
    assertThat(config.userRootSpanAttributes())
        .contains("enduser.id", "http.request.header.x-user-id");
    assertThat(config.userMdcKeys()).isEmpty();
    assertThat(config.userHashSalt()).isNull();
    assertThat(config.userFromRequest()).isTrue();
    assertThat(config.pricingFile()).isNull();
  }

  @Test
  void readsListsAndTrimsThem() {
    settings.put("otel.instrumentation.tokenmeter.user.mdc-key", " userId , uid ,");
    settings.put("otel.instrumentation.tokenmeter.dimensions", "team");

    TokenmeterConfig config = TokenmeterConfig.from(settings::get);

    assertThat(config.userMdcKeys()).containsExactly("userId", "uid");
    assertThat(config.dimensions()).containsExactly("team");
  }

  @Test
  void rejectsABooleanThatIsNotOne() {
    settings.put("otel.instrumentation.tokenmeter.enabled", "yes");

    assertThatThrownBy(() -> TokenmeterConfig.from(settings::get))
        .hasMessageContaining("otel.instrumentation.tokenmeter.enabled")
        .hasMessageContaining("'yes'");
  }
}
