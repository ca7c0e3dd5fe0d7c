/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloaderTest {
  @TempDir Path dir;

  private static String budgets(String limit) {
    return "budgets:\n  - {name: team-daily, scope: service, subject: chat, period: day, limit_usd: "
        + limit
        + "}\n";
  }

  /**
   * A rewrite that keeps the size and the modification time (same second on a coarse file system,
   * or a tool that preserves times) is still seen: the watch compares content.
   */
  @Test
  void reloadsARewriteWithTheSameSizeAndModificationTime() throws Exception {
    Path file = Files.writeString(dir.resolve("tokenmeter.yaml"), budgets("10"));
    FileTime written = Files.getLastModifiedTime(file);
    LinkedBlockingQueue<ProcessorConfig> applied = new LinkedBlockingQueue<>();
    ConfigReloader reloader = new ConfigReloader(file, Map.of(), applied::add);
    try {
      reloader.start(Duration.ofMillis(20));
      Thread.sleep(100);
      assertThat(applied).as("nothing changed yet").isEmpty();

      Files.writeString(file, budgets("20"));
      Files.setLastModifiedTime(file, written);

      ProcessorConfig next = applied.poll(10, TimeUnit.SECONDS);
      assertThat(next).as("reloaded").isNotNull();
      assertThat(next.budgets().definitions().get(0).limitUsd()).isEqualByComparingTo("20");
      Thread.sleep(100);
      assertThat(applied).as("reloaded once, not on every poll").isEmpty();
    } finally {
      reloader.close();
    }
  }
}
