/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.testing.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flattens OTLP export requests into {@link ReceivedSpan}s and {@link ReceivedPoint}s. */
final class OtlpFlattener {
  private static final HexFormat HEX = HexFormat.of();

  private OtlpFlattener() {}

  static List<ReceivedSpan> spans(ExportTraceServiceRequest request) {
    List<ReceivedSpan> out = new ArrayList<>();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Map<String, Object> resource = attributes(rs.getResource().getAttributesList());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          out.add(span(span, ss.getScope().getName(), resource));
        }
      }
    }
    return out;
  }

  private static ReceivedSpan span(Span span, String scopeName, Map<String, Object> resource) {
    List<String> events = span.getEventsList().stream().map(Span.Event::getName).toList();
    return new ReceivedSpan(
        hex(span.getTraceId()),
        hex(span.getSpanId()),
        hex(span.getParentSpanId()),
        span.getName(),
        span.getKind().name().replace("SPAN_KIND_", ""),
        scopeName,
        resource,
        attributes(span.getAttributesList()),
        span.getStatus().getCode().name().replace("STATUS_CODE_", ""),
        span.getStatus().getMessage(),
        events);
  }

  static List<ReceivedPoint> points(ExportMetricsServiceRequest request) {
    List<ReceivedPoint> out = new ArrayList<>();
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric metric : sm.getMetricsList()) {
          addPoints(metric, out);
        }
      }
    }
    return out;
  }

  private static void addPoints(Metric m, List<ReceivedPoint> out) {
    String name = m.getName();
    String unit = m.getUnit();
    switch (m.getDataCase()) {
      case SUM -> {
        for (NumberDataPoint p : m.getSum().getDataPointsList()) {
          out.add(
              new ReceivedPoint(
                  name, unit, "SUM", attributes(p.getAttributesList()), number(p), 0, 0));
        }
      }
      case GAUGE -> {
        for (NumberDataPoint p : m.getGauge().getDataPointsList()) {
          out.add(
              new ReceivedPoint(
                  name, unit, "GAUGE", attributes(p.getAttributesList()), number(p), 0, 0));
        }
      }
      case HISTOGRAM -> {
        for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
          out.add(
              new ReceivedPoint(
                  name,
                  unit,
                  "HISTOGRAM",
                  attributes(p.getAttributesList()),
                  0,
                  p.getCount(),
                  p.getSum()));
        }
      }
      case EXPONENTIAL_HISTOGRAM -> {
        for (ExponentialHistogramDataPoint p : m.getExponentialHistogram().getDataPointsList()) {
          out.add(
              new ReceivedPoint(
                  name,
                  unit,
                  "EXPONENTIAL_HISTOGRAM",
                  attributes(p.getAttributesList()),
                  0,
                  p.getCount(),
                  p.getSum()));
        }
      }
      case SUMMARY -> {
        for (SummaryDataPoint p : m.getSummary().getDataPointsList()) {
          out.add(
              new ReceivedPoint(
                  name,
                  unit,
                  "SUMMARY",
                  attributes(p.getAttributesList()),
                  0,
                  p.getCount(),
                  p.getSum()));
        }
      }
      default -> {
        // DATA_NOT_SET: nothing to record.
      }
    }
  }

  private static double number(NumberDataPoint p) {
    return p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
  }

  static Map<String, Object> attributes(List<KeyValue> kvs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValue kv : kvs) {
      out.put(kv.getKey(), value(kv.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object value(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> v.getIntValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case BOOL_VALUE -> v.getBoolValue();
      case ARRAY_VALUE ->
          v.getArrayValue().getValuesList().stream().map(OtlpFlattener::value).toList();
      case KVLIST_VALUE -> attributes(v.getKvlistValue().getValuesList());
      case BYTES_VALUE -> hex(v.getBytesValue());
      default -> null;
    };
  }

  private static String hex(ByteString bytes) {
    return HEX.formatHex(bytes.toByteArray());
  }
}
