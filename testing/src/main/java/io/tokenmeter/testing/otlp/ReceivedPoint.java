/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.testing.otlp;

import java.util.Map;

/**
 * One metric data point as it arrived over OTLP. {@code type} is {@code SUM}, {@code GAUGE}, {@code
 * HISTOGRAM}, {@code EXPONENTIAL_HISTOGRAM} or {@code SUMMARY}; {@code value} holds a sum's or
 * gauge's value, {@code count} and {@code sum} a histogram's. The agent exports cumulative
 * temporality by default, so the same series arrives again every export interval: use {@link
 * OtlpReceiver#latestPoints()} for totals.
 */
public record ReceivedPoint(
    String metricName,
    String unit,
    String type,
    Map<String, Object> attributes,
    double value,
    long count,
    double sum) {

  /** Returns the attribute value, or null. */
  public Object attribute(String key) {
    return attributes.get(key);
  }
}
