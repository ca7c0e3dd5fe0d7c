package io.tokenmeter.processor;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough ingest rate (OTLP/HTTP protobuf, 512-span batches, 8 senders in the same JVM) against the
 * rate of protobuf decoding alone. Opt-in: {@code mvn test -Dtest=IngestThroughputBenchmark
 * -Dtokenmeter.bench=true}.
 */
@EnabledIfSystemProperty(named = "tokenmeter.bench", matches = "true")
class IngestThroughputBenchmark {
  private static final int BATCHES = 400;
  private static final int SPANS_PER_BATCH = 512;

  @Test
  void measure() throws Exception {
    List<byte[]> batches = payloads();
    try (TestProcessor p = TestProcessor.start()) {
      for (int round = 0; round < 5; round++) {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (byte[] body : batches) {
          sent.add(pool.submit(() -> p.post("/v1/traces", TestProcessor.PROTOBUF, body)));
        }
        for (Future<?> f : sent) {
          f.get();
        }
        pool.shutdown();
        report("ingest round " + round, t0);
      }
    }
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      for (byte[] body : batches) {
        ExportTraceServiceRequest.parseFrom(body);
      }
      report("decode only, 1 thread, round " + round, t0);
    }
  }

  private static void report(String what, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.err.printf("BENCH %s: %.0f spans/s%n", what, BATCHES * SPANS_PER_BATCH / seconds);
  }

  private static List<byte[]> payloads() {
    List<byte[]> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      List<Span> spans = new ArrayList<>();
      for (int i = 0; i < SPANS_PER_BATCH; i++) {
        int k = b * SPANS_PER_BATCH + i;
        spans.add(
            Otlp.chat(
                "openai",
                k % 2 == 0 ? "gpt-4o-mini" : "gpt-4.1",
                100 + k % 50,
                20,
                "user.id",
                "u" + (k % 3000),
                "session.id",
                "s" + (k % 10000),
                "gen_ai.usage.cache_read.input_tokens",
                10));
      }
      batches.add(Otlp.request("svc", spans).toByteArray());
    }
    return batches;
  }
}
