/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.forward;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.tokenmeter.contract.TokenmeterAttributes;
import io.tokenmeter.pricing.PicoCost;
import io.tokenmeter.processor.price.CostBreakdown;
import io.tokenmeter.processor.price.PricedCall;
import java.util.List;

/**
 * Writes the processor's computed cost onto forwarded GenAI spans as the {@code tokenmeter.cost.*}
 * attributes of docs/contract.md, replacing any the span had.
 */
public final class CostEnricher {
  private CostEnricher() {}

  /** Where a priced span sits in the request. */
  public record Located(int resource, int scope, int span, PricedCall priced) {}

  public static ExportTraceServiceRequest enrich(
      ExportTraceServiceRequest request, List<Located> spans) {
    if (spans.isEmpty()) {
      return request;
    }
    ExportTraceServiceRequest.Builder b = request.toBuilder();
    for (Located l : spans) {
      Span.Builder span =
          b.getResourceSpansBuilder(l.resource())
              .getScopeSpansBuilder(l.scope())
              .getSpansBuilder(l.span());
      rewrite(span, l.priced());
    }
    return b.build();
  }

  private static void rewrite(Span.Builder span, PricedCall priced) {
    CostBreakdown c = priced.cost();
    List<KeyValue> kept =
        span.getAttributesList().stream()
            .filter(
                kv ->
                    !kv.getKey().startsWith(TokenmeterAttributes.COST_PREFIX)
                        && !kv.getKey().equals(TokenmeterAttributes.PRICING_MODEL))
            .toList();
    span.clearAttributes()
        .addAllAttributes(kept)
        .addAttributes(usd(TokenmeterAttributes.COST_USD, c.total()))
        .addAttributes(usd(TokenmeterAttributes.COST_INPUT_USD, c.input()))
        .addAttributes(usd(TokenmeterAttributes.COST_OUTPUT_USD, c.output() + c.reasoning()))
        .addAttributes(usd(TokenmeterAttributes.COST_CACHE_READ_USD, c.cacheRead()))
        .addAttributes(usd(TokenmeterAttributes.COST_CACHE_WRITE_USD, c.cacheWrite()));
    if (priced.pricingModel() != null) {
      span.addAttributes(
          KeyValue.newBuilder()
              .setKey(TokenmeterAttributes.PRICING_MODEL)
              .setValue(AnyValue.newBuilder().setStringValue(priced.pricingModel())));
    }
  }

  private static KeyValue usd(String key, long pico) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setDoubleValue(PicoCost.usd(pico)))
        .build();
  }
}
