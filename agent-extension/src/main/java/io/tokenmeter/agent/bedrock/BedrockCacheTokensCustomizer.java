/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.bedrock;

import io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizer;
import io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizerProvider;

/**
 * Adds Converse cache-token counts to the agent's own Bedrock spans (its aws-sdk-2.2 instrumenter,
 * which makes the GenAI spans for Bedrock Runtime and the plain spans for every other AWS call).
 * Cost and attribution need nothing here: the span processor reaches those spans like any other
 * GenAI span.
 */
public final class BedrockCacheTokensCustomizer implements InstrumenterCustomizerProvider {
  static final String AWS_SDK_INSTRUMENTATION = "io.opentelemetry.aws-sdk-2.2";

  @Override
  public void customize(InstrumenterCustomizer customizer) {
    if (AWS_SDK_INSTRUMENTATION.equals(customizer.getInstrumentationName())) {
      customizer.addAttributesExtractor(new BedrockCacheTokens());
    }
  }
}
