/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import io.tokenmeter.agent.GenAiSpanProcessorBenchmarks;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Per-call CPU cost of our code (JMH, with the GC profiler for bytes allocated per call): {@link
 * PricingBenchmarks} and {@link GenAiSpanProcessorBenchmarks}, summarised in one table with our
 * added cost per span (with the extension minus without it).
 *
 * <p>Options: {@code --forks=1 --warmup-iterations=3 --iterations=5 --iteration-ms=1000
 * --include=<regex> --jfr=file.jfr} (the last records the forks with JFR and prints where time and
 * allocation go; use it with one benchmark in {@code --include}). {@code --forks=0} runs in this
 * JVM (the smoke test; figures less reliable).
 */
public final class PerCallCostBenchmark {
  static final String TITLE = "Per-call CPU cost of our code (JMH)";
  private static final double TIME_GOAL_NS = 5_000;
  private static final double BYTES_GOAL = 500;

  private PerCallCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(BenchArgs.parse(args), System.out);
  }

  static void run(BenchArgs args, PrintStream out) throws Exception {
    String loadBefore = MachineLoad.loadAverage();
    int iterationMs = args.integer("iteration-ms", 1000);
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(
                args.text(
                    "include",
                    PricingBenchmarks.class.getName()
                        + "|"
                        + GenAiSpanProcessorBenchmarks.class.getName()))
            .forks(args.integer("forks", 1))
            .warmupIterations(args.integer("warmup-iterations", 3))
            .warmupTime(TimeValue.milliseconds(iterationMs))
            .measurementIterations(args.integer("iterations", 5))
            .measurementTime(TimeValue.milliseconds(iterationMs))
            .timeUnit(TimeUnit.NANOSECONDS)
            .threads(1)
            .addProfiler(GCProfiler.class)
            .verbosity(args.flag("quiet") ? VerboseMode.SILENT : VerboseMode.NORMAL)
            .jvmArgsAppend("-Xmx512m");
    String jfr = args.text("jfr", null);
    if (jfr != null) {
      options.jvmArgsAppend(
          "-Xmx512m",
          "-XX:StartFlightRecording=settings=profile,filename="
              + java.nio.file.Path.of(jfr).toAbsolutePath());
    }
    Collection<RunResult> results = new Runner(options.build()).run();

    Map<String, double[]> byName = new TreeMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      Result<?> primary = r.getPrimaryResult();
      double bytes = Double.NaN;
      for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          bytes = e.getValue().getScore();
        }
      }
      byName.put(name, new double[] {primary.getScore(), primary.getScoreError(), bytes});
    }
    out.println(MachineLoad.header(TITLE) + " | load at start=" + loadBefore);
    out.printf(
        "# forks=%d, %d x %d ms warm-up, %d x %d ms measured, 1 thread%n",
        args.integer("forks", 1),
        args.integer("warmup-iterations", 3),
        iterationMs,
        args.integer("iterations", 5),
        iterationMs);
    Table table = new Table("benchmark", "ns/op", "± (99.9%)", "B/op");
    byName.forEach(
        (name, v) ->
            table.row(name, Table.fixed(v[0], 1), Table.fixed(v[1], 1), Table.fixed(v[2], 0)));
    table.print(out);
    out.println();
    Table added =
        new Table("our added cost per span", "ns", "B", "goal < 5 µs and a few hundred B");
    addedRow(
        added,
        byName,
        "GenAI span with Baggage (attribution + pricing + metrics)",
        "genAiSpanWithBaggage");
    addedRow(
        added,
        byName,
        "GenAI span already past 16 attributes (the SDK's map does not grow for ours)",
        "genAiSpanPastSixteenAttributes");
    addedRow(added, byName, "plain (non-GenAI) span", "plainSpan");
    added.print(out);
    out.println("# load average at end=" + MachineLoad.loadAverage());
    if (jfr != null) {
      JfrSummary.print(java.nio.file.Path.of(jfr), out, args.integer("top", 20));
    }
  }

  private static void addedRow(
      Table table, Map<String, double[]> byName, String label, String prefix) {
    double[] ours = byName.get("GenAiSpanProcessorBenchmarks." + prefix + "_tokenmeter");
    double[] base = byName.get("GenAiSpanProcessorBenchmarks." + prefix + "_sdkOnly");
    if (ours == null || base == null) {
      table.row(label, "n/a", "n/a", "not run");
      return;
    }
    double ns = ours[0] - base[0];
    double bytes = ours[2] - base[2];
    table.row(
        label,
        Table.fixed(ns, 0),
        Table.fixed(bytes, 0),
        ns < TIME_GOAL_NS && bytes <= BYTES_GOAL
            ? "MET"
            : ns < TIME_GOAL_NS ? "time MET, bytes over " + (int) BYTES_GOAL : "MISSED");
  }
}
