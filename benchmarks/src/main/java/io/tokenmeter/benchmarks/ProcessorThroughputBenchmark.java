/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import static io.tokenmeter.contract.PrometheusFamilies.SPANS_RECEIVED_TOTAL;
import static io.tokenmeter.contract.PrometheusLabels.RESULT;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Processor throughput: the real processor in a child JVM, fed OTLP export requests of 512 spans
 * (1,000 users, 10,000 sessions, 20 models, cache and reasoning tokens) by {@code --connections}
 * concurrent connections over OTLP/HTTP protobuf and OTLP/gRPC, GenAI-only and with 20% non-GenAI
 * spans; next to {@code ExportTraceServiceRequest.parseFrom} alone on the same payloads in the same
 * run (1 thread and one per core). {@code --profile} adds a JFR-recorded run and its summary.
 *
 * <p>Options: {@code --warmup-ms=5000 --measure-ms=10000 --connections=4 --batches=64
 * --spans-per-batch=512 --profile --jfr-file=path}.
 */
public final class ProcessorThroughputBenchmark {
  static final String TITLE = "Processor throughput";
  private static final double SPANS_PER_SECOND_GOAL = 100_000;
  private static final double DECODE_RATIO_GOAL = 0.5;

  private ProcessorThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(BenchArgs.parse(args), System.out);
  }

  private record Payloads(
      String name, double nonGenAiShare, List<byte[]> encoded, int[] spans, int[] genAiSpans) {
    static Payloads of(String name, double nonGenAiShare, int batches, int spansPerBatch) {
      GenAiSpanBatches generator = new GenAiSpanBatches(1_000, 10_000, nonGenAiShare, 42);
      List<byte[]> encoded = generator.encoded(batches, spansPerBatch);
      int[] spans = new int[encoded.size()];
      int[] genAi = new int[encoded.size()];
      for (int i = 0; i < encoded.size(); i++) {
        try {
          var request =
              io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(
                  encoded.get(i));
          for (var rs : request.getResourceSpansList()) {
            for (var ss : rs.getScopeSpansList()) {
              spans[i] += ss.getSpansCount();
              if (ss.getScope().getName().startsWith("io.tokenmeter")) {
                genAi[i] += ss.getSpansCount();
              }
            }
          }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          throw new IllegalStateException(e);
        }
      }
      return new Payloads(name, nonGenAiShare, encoded, spans, genAi);
    }

    double genAiShare() {
      long all = 0;
      long g = 0;
      for (int i = 0; i < spans.length; i++) {
        all += spans[i];
        g += genAiSpans[i];
      }
      return (double) g / all;
    }

    long averageBytes() {
      return encoded.stream().mapToLong(b -> b.length).sum() / encoded.size();
    }
  }

  private record Scenario(String transport, Payloads payloads) {}

  static void run(BenchArgs args, PrintStream out) throws Exception {
    String loadBefore = MachineLoad.loadAverage();
    long warmupMs = args.longValue("warmup-ms", 5_000);
    long measureMs = args.longValue("measure-ms", 10_000);
    int connections = args.integer("connections", 4);
    int batches = args.integer("batches", 64);
    int spansPerBatch = args.integer("spans-per-batch", 512);
    Payloads genAi = Payloads.of("GenAI only", 0.0, batches, spansPerBatch);
    Payloads mixed = Payloads.of("20% non-GenAI", 0.2, batches, spansPerBatch);
    List<Scenario> scenarios =
        List.of(
            new Scenario("OTLP/HTTP protobuf", genAi),
            new Scenario("OTLP/HTTP protobuf", mixed),
            new Scenario("OTLP/gRPC", genAi),
            new Scenario("OTLP/gRPC", mixed));
    List<String> jvm = List.of(args.text("processor-jvm-options", "-Xmx1g").split(" "));
    double[][] decode = {
      decodeOnly(genAi, warmupMs, measureMs), decodeOnly(mixed, warmupMs, measureMs)
    };
    List<String[]> rows = new ArrayList<>();
    List<double[]> figures = new ArrayList<>();
    try (ProcessorProcess processor = ProcessorProcess.start(Map.of(), jvm)) {
      for (Scenario s : scenarios) {
        LoadGenerator.Connector connector = connector(s.transport(), processor);
        LoadGenerator.run(
            connector, s.payloads().encoded(), s.payloads().spans(), connections, warmupMs);
        double before = acceptedSpans(processor);
        double cpuBefore = ProcessCpu.seconds(processor.pid());
        double senderCpuBefore = ProcessCpu.seconds(ProcessHandle.current().pid());
        LoadGenerator.Result r =
            LoadGenerator.run(
                connector, s.payloads().encoded(), s.payloads().spans(), connections, measureMs);
        double cpu = ProcessCpu.seconds(processor.pid()) - cpuBefore;
        double senderCpu = ProcessCpu.seconds(ProcessHandle.current().pid()) - senderCpuBefore;
        double after = acceptedSpans(processor);
        rows.add(new String[] {s.transport(), s.payloads().name()});
        figures.add(
            new double[] {
              r.spansPerSecond(),
              r.rejectedRequests(),
              (after - before) / r.seconds(),
              r.spansPerSecond() * s.payloads().genAiShare(),
              cpu / r.seconds(),
              senderCpu / r.seconds(),
              cpu * 1e6 / r.acceptedSpans()
            });
      }
    }
    // Decode-only before and after the processor runs (the machine is shared: the better of the
    // two is the decoder's rate, which makes the ratio conservative).
    List<Payloads> sets = List.of(genAi, mixed);
    for (int p = 0; p < sets.size(); p++) {
      double[] after = decodeOnly(sets.get(p), warmupMs, measureMs);
      decode[p][0] = Math.max(decode[p][0], after[0]);
      decode[p][1] = Math.max(decode[p][1], after[1]);
    }

    int cores = Runtime.getRuntime().availableProcessors();
    out.println(MachineLoad.header(TITLE) + " | load at start=" + loadBefore);
    out.printf(
        "# %d payloads of %d spans (avg %,d B GenAI-only, %,d B mixed), %d connections, %d ms"
            + " warm-up + %d ms measured per row; processor JVM %s%n",
        batches,
        spansPerBatch,
        genAi.averageBytes(),
        mixed.averageBytes(),
        connections,
        warmupMs,
        measureMs,
        jvm);
    out.println("# processor: " + ProcessorProcess.describe());
    out.println(
        "# decode-only: ExportTraceServiceRequest.parseFrom on the same payloads, measured before"
            + " and after the processor rows; the better of the two");
    Table table =
        new Table(
            "transport",
            "payload",
            "accepted spans/s",
            "of which GenAI/s",
            "processor's own count/s",
            "rejected requests",
            "decode-only 1 thread spans/s",
            "decode-only " + cores + " threads spans/s",
            "ratio to decode-only (" + cores + " threads)",
            "ratio to decode-only (1 thread)",
            "processor / sender CPU cores busy",
            "processor CPU µs/span",
            "decode-only CPU µs/span",
            "CPU ratio (decode / processor)");
    double worstRate = Double.MAX_VALUE;
    double worstRatio = Double.MAX_VALUE;
    for (int i = 0; i < rows.size(); i++) {
      double[] f = figures.get(i);
      int set = scenarios.get(i).payloads() == genAi ? 0 : 1;
      double ratio = f[0] / decode[set][1];
      if (scenarios.get(i).transport().startsWith("OTLP/HTTP") && set == 0) {
        worstRate = Math.min(worstRate, f[0]);
        worstRatio = Math.min(worstRatio, ratio);
      }
      table.row(
          rows.get(i)[0],
          rows.get(i)[1],
          Table.thousands(f[0]),
          Table.thousands(f[3]),
          Table.thousands(f[2]),
          (long) f[1],
          Table.thousands(decode[set][0]),
          Table.thousands(decode[set][1]),
          Table.fixed(ratio, 2),
          Table.fixed(f[0] / decode[set][0], 2),
          Table.fixed(f[4], 2) + " / " + Table.fixed(f[5], 2),
          Table.fixed(f[6], 2),
          Table.fixed(1e6 / decode[set][0], 2),
          Table.fixed(1e6 / decode[set][0] / f[6], 2));
    }
    table.print(out);
    out.println(
        "# CPU: the processor JVM's user + system time over the measured window (/proc/<pid>/stat),"
            + " all its threads (HTTP server, ledger flusher, GC, JIT); decode-only CPU per span is"
            + " one decoding thread's; the sender is this JVM, which shares the cores");
    out.printf(
        "# goal: >= %,.0f spans/s (OTLP/HTTP protobuf, GenAI only): %,.0f -> %s%n",
        SPANS_PER_SECOND_GOAL, worstRate, worstRate >= SPANS_PER_SECOND_GOAL ? "MET" : "MISSED");
    out.printf(
        "# goal: >= %.1fx decode-only on the same payloads (%d threads): %.2fx -> %s%n",
        DECODE_RATIO_GOAL, cores, worstRatio, worstRatio >= DECODE_RATIO_GOAL ? "MET" : "MISSED");
    out.println("# load average at end=" + MachineLoad.loadAverage());

    if (args.flag("profile")) {
      profile(args, out, genAi, jvm, connections, warmupMs, measureMs);
    }
  }

  private static void profile(
      BenchArgs args,
      PrintStream out,
      Payloads payloads,
      List<String> jvm,
      int connections,
      long warmupMs,
      long measureMs)
      throws Exception {
    Path jfr =
        Path.of(
                args.text(
                    "jfr-file", Files.createTempFile("tokenmeter-processor", ".jfr").toString()))
            .toAbsolutePath();
    List<String> options = new ArrayList<>(jvm);
    options.add("-XX:+FlightRecorder");
    try (ProcessorProcess processor = ProcessorProcess.start(Map.of(), options)) {
      LoadGenerator.Connector connector = connector("OTLP/HTTP protobuf", processor);
      LoadGenerator.run(connector, payloads.encoded(), payloads.spans(), connections, warmupMs);
      processor.jcmd("JFR.start", "name=bench", "settings=profile");
      LoadGenerator.Result r =
          LoadGenerator.run(
              connector, payloads.encoded(), payloads.spans(), connections, measureMs);
      processor.jcmd("JFR.dump", "name=bench", "filename=" + jfr);
      processor.jcmd("JFR.stop", "name=bench");
      out.println();
      out.printf(
          "# profile: OTLP/HTTP protobuf, GenAI only, %,.0f spans/s while recording; %s%n",
          r.spansPerSecond(), jfr);
    }
    JfrSummary.print(jfr, out, args.integer("top", 25));
  }

  /** Returns decode-only spans/s on 1 thread and on one thread per core. */
  private static double[] decodeOnly(Payloads set, long warmupMs, long measureMs)
      throws InterruptedException {
    int cores = Runtime.getRuntime().availableProcessors();
    LoadGenerator.decodeOnlySpansPerSecond(set.encoded(), set.spans(), cores, warmupMs);
    return new double[] {
      LoadGenerator.decodeOnlySpansPerSecond(set.encoded(), set.spans(), 1, measureMs),
      LoadGenerator.decodeOnlySpansPerSecond(set.encoded(), set.spans(), cores, measureMs)
    };
  }

  private static LoadGenerator.Connector connector(String transport, ProcessorProcess processor) {
    return transport.startsWith("OTLP/HTTP")
        ? () -> OtlpSender.http(processor.httpPort)
        : () -> OtlpSender.grpc(processor.grpcPort);
  }

  private static double acceptedSpans(ProcessorProcess processor) throws Exception {
    return ProcessorProcess.sum(processor.scrape(), SPANS_RECEIVED_TOTAL, RESULT + "=\"accepted\"");
  }
}
