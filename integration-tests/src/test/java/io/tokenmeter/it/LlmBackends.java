/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it;

import io.tokenmeter.demo.provider.FakeLlmProvider;
import io.tokenmeter.testing.otlp.OtlpReceiver;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every child-JVM test talks to: a fake LLM provider and an OTLP receiver, both on loopback
 * ports chosen by the OS, fresh for each test and closed after it.
 */
public final class LlmBackends implements BeforeEachCallback, AfterEachCallback {
  private FakeLlmProvider provider;
  private OtlpReceiver otlp;

  @Override
  public void beforeEach(ExtensionContext context) {
    provider = FakeLlmProvider.start();
    otlp = OtlpReceiver.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (otlp != null) {
      otlp.close();
    }
    if (provider != null) {
      provider.close();
    }
  }

  public FakeLlmProvider provider() {
    return provider;
  }

  public OtlpReceiver otlp() {
    return otlp;
  }
}
