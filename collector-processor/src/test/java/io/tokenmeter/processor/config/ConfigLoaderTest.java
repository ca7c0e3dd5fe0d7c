/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void runsWithNoConfigurationAtAll() {
    ProcessorConfig c = ProcessorConfig.defaults();
    assertThat(c.server().bindAddress()).isEqualTo("0.0.0.0");
    assertThat(c.server().otlpHttpPort()).isEqualTo(4318);
    assertThat(c.server().otlpGrpcPort()).isEqualTo(4317);
    assertThat(c.server().metricsPort()).isEqualTo(9464);
    assertThat(c.server().maxRequestBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(c.cardinality()).isEqualTo(new ProcessorConfig.Cardinality(2000, 200, 200));
    assertThat(c.forward().enabled()).isFalse();
    assertThat(c.pricing().repriceAll()).isFalse();
  }

  @Test
  void readsYamlAndLetsEnvironmentVariablesWin() throws Exception {
    Path yaml = dir.resolve("tokenmeter.yaml");
    Files.writeString(
        yaml,
        """
        server:
          otlp_http_port: 14318
          auth_token: from-file
        pricing:
          reprice_all: true
        forward:
          endpoint: http://tempo:4318/
          headers:
            x-scope-orgid: tenant-1
        """);
    ProcessorConfig c =
        ConfigLoader.load(
            yaml,
            Map.of(
                "TOKENMETER_SERVER_AUTH_TOKEN",
                "from-env",
                "TOKENMETER_CARDINALITY_MAX_USERS",
                "50"));
    assertThat(c.server().otlpHttpPort()).isEqualTo(14318);
    assertThat(c.server().authToken()).isEqualTo("from-env");
    assertThat(c.pricing().repriceAll()).isTrue();
    assertThat(c.cardinality().maxUsers()).isEqualTo(50);
    assertThat(c.forward().endpoint()).hasToString("http://tempo:4318");
    assertThat(c.forward().headers()).containsEntry("x-scope-orgid", "tenant-1");
  }

  @Test
  void failsAtStartupOnUnknownKeysAndBadValues() throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "server:\n  otlp_htp_port: 1\n");
    assertThatThrownBy(() -> ConfigLoader.load(yaml, Map.of()))
        .hasMessageContaining("unknown key 'server.otlp_htp_port'");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TOKENMETER_SERVER_METRICS_PORT", "x")))
        .hasMessageContaining("server.metrics_port must be an integer");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("TOKENMETER_FORWARD_ENDPOINT", "ftp://x")))
        .hasMessageContaining("forward.endpoint");
  }

  @Test
  void everySettingHasAnEnvironmentVariable() {
    assertThat(Setting.SERVER_OTLP_HTTP_PORT.envVar())
        .isEqualTo("TOKENMETER_SERVER_OTLP_HTTP_PORT");
    assertThat(Setting.PRICING_REPRICE_ALL.envVar()).isEqualTo("TOKENMETER_PRICING_REPRICE_ALL");
  }
}
