/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static io.tokenmeter.contract.VendorAttributes.ANTHROPIC_SDK_SCOPE;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;

/**
 * Reaches every GenAI span in the JVM, whoever made it: attributes user and session when it starts
 * and prices it while it is ending (before exporters see it).
 */
final class GenAiSpanProcessor implements ExtendedSpanProcessor {
  private final AttributionResolver attribution;
  private final GenAiSpanRecorder recorder;

  GenAiSpanProcessor(AttributionResolver attribution, GenAiSpanRecorder recorder) {
    this.attribution = attribution;
    this.recorder = recorder;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    try {
      if (BillableSpan.isBillable(span)
          || ANTHROPIC_SDK_SCOPE.equals(span.getInstrumentationScopeInfo().getName())) {
        attribution.attribute(parentContext, span);
      }
    } catch (Throwable e) {
      OnceLogger.failure("attributing a GenAI span", e);
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnding(ReadWriteSpan span) {
    try {
      attribution.adoptLateRequestUser(span);
      recorder.record(span);
    } catch (Throwable e) {
      OnceLogger.failure("pricing a GenAI span", e);
    }
  }

  @Override
  public boolean isOnEndingRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
