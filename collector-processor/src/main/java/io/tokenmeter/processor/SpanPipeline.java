/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tokenmeter.processor.forward.CostEnricher;
import io.tokenmeter.processor.forward.OtlpForwarder;
import io.tokenmeter.processor.metrics.IngestMetrics;
import io.tokenmeter.processor.normalize.GenAiCall;
import io.tokenmeter.processor.normalize.SpanNormalizer;
import io.tokenmeter.processor.normalize.TraceRequestReader;
import io.tokenmeter.processor.otlp.IngestException;
import io.tokenmeter.processor.otlp.OtlpConsumer;
import io.tokenmeter.processor.otlp.Signal;
import io.tokenmeter.processor.price.PricedCall;
import io.tokenmeter.processor.price.PricedCallListener;
import io.tokenmeter.processor.price.SpanPricer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens to an accepted export request: each GenAI span is normalised and priced, the
 * request's priced calls are handed to the listeners (metrics, budgets) together; then the request,
 * its GenAI spans enriched with cost, goes to the forwarder when one is configured. Without a
 * forwarder, protobuf trace requests are read in one pass over their bytes ({@link
 * TraceRequestReader}) instead of being decoded into messages first.
 */
public final class SpanPipeline implements OtlpConsumer {
  private static final Logger LOG = Logger.getLogger(SpanPipeline.class.getName());

  private final SpanPricer pricer;
  private final IngestMetrics metrics;
  private final OtlpForwarder forwarder;
  private final List<PricedCallListener> listeners = new CopyOnWriteArrayList<>();

  /** {@code forwarder} may be null (no downstream). */
  public SpanPipeline(SpanPricer pricer, IngestMetrics metrics, OtlpForwarder forwarder) {
    this.pricer = pricer;
    this.metrics = metrics;
    this.forwarder = forwarder;
  }

  public void addListener(PricedCallListener listener) {
    listeners.add(listener);
  }

  /**
   * Reads the GenAI calls of a protobuf trace request straight from its bytes when nothing needs
   * the decoded request (no forwarder); any other body is decoded whole first.
   */
  @Override
  public void consumeProtobuf(Signal signal, byte[] body, String transport) throws IngestException {
    if (signal == Signal.TRACES && forwarder == null) {
      TraceRequestReader.Result read = TraceRequestReader.read(body);
      if (read != null) {
        List<PricedCall> priced = new ArrayList<>(read.calls().size());
        for (GenAiCall call : read.calls()) {
          priced.add(pricer.price(call));
        }
        if (!priced.isEmpty()) {
          notifyListeners(priced);
        }
        metrics.spansAccepted(transport, read.spans());
        return;
      }
    }
    consume(signal, signal.decode(body), transport);
  }

  @Override
  public void consume(Signal signal, Message request, String transport) {
    if (signal != Signal.TRACES) {
      if (forwarder != null) {
        forwarder.offer(signal, request.toByteArray());
      }
      return;
    }
    ExportTraceServiceRequest traces = (ExportTraceServiceRequest) request;
    List<CostEnricher.Located> enrich = forwarder == null ? null : new ArrayList<>();
    long spans = process(traces, enrich);
    metrics.spansAccepted(transport, spans);
    if (forwarder != null) {
      forwarder.offer(signal, CostEnricher.enrich(traces, enrich).toByteArray());
    }
  }

  private long process(ExportTraceServiceRequest request, List<CostEnricher.Located> enrich) {
    long count = 0;
    List<PricedCall> priced = new ArrayList<>();
    List<ResourceSpans> resources = request.getResourceSpansList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceSpans rs = resources.get(r);
      String service = null;
      List<ScopeSpans> scopes = rs.getScopeSpansList();
      for (int s = 0; s < scopes.size(); s++) {
        List<Span> spans = scopes.get(s).getSpansList();
        count += spans.size();
        for (int i = 0; i < spans.size(); i++) {
          Span span = spans.get(i);
          if (!SpanNormalizer.isGenAi(span)) {
            continue;
          }
          if (service == null) {
            service = SpanNormalizer.serviceName(rs.getResource());
          }
          PricedCall p = pricer.price(SpanNormalizer.normalizeGenAi(service, span));
          priced.add(p);
          if (enrich != null && p.costComputed()) {
            enrich.add(new CostEnricher.Located(r, s, i, p));
          }
        }
      }
    }
    if (!priced.isEmpty()) {
      notifyListeners(priced);
    }
    return count;
  }

  /** Hands the request's calls to each listener at once, so each can aggregate before sharing. */
  private void notifyListeners(List<PricedCall> priced) {
    for (PricedCallListener l : listeners) {
      try {
        l.onPricedCalls(priced);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "listener failed on priced calls; continuing", e);
      }
    }
  }
}
