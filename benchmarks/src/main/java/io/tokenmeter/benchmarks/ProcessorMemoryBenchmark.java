/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import static io.tokenmeter.contract.PrometheusFamilies.LEDGER_FOLDED_REQUESTS_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.SESSION_COST_USD;
import static io.tokenmeter.contract.PrometheusFamilies.USER_COST_USD_TOTAL;
import static io.tokenmeter.contract.PrometheusLabels.USER;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory at scale: streams GenAI spans with never-repeating users and sessions ({@code --spans},
 * default 10^6: 10^6 distinct users and 10^6 distinct sessions) through the real processor (child
 * JVM, default settings) over OTLP/HTTP, and at checkpoints reports the heap after a full GC
 * ({@code jcmd GC.run} + {@code GC.heap_info}) and the size and series count of {@code /metrics}.
 *
 * <p>Options: {@code --spans=1000000 --spans-per-batch=512 --connections=2
 * --processor-jvm-options=-Xmx1g --settle-ms=15000} (the last: idle time before the final
 * measurement, so the ledger has written its pending rollups).
 */
public final class ProcessorMemoryBenchmark {
  static final String TITLE = "Processor memory at scale";
  private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private ProcessorMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(BenchArgs.parse(args), System.out);
  }

  static void run(BenchArgs args, PrintStream out) throws Exception {
    String loadBefore = MachineLoad.loadAverage();
    long spans = args.longValue("spans", 1_000_000);
    int perBatch = args.integer("spans-per-batch", 512);
    int connections = args.integer("connections", 2);
    List<String> jvm = List.of(args.text("processor-jvm-options", "-Xmx1g").split(" "));
    long settleMs = args.longValue("settle-ms", 15_000);
    long[] checkpoints = {0, spans / 10, spans / 4, spans / 2, spans};
    Table table =
        new Table(
            "distinct users = sessions sent",
            "heap used after full GC MB",
            "heap committed MB",
            "/metrics bytes",
            "/metrics series",
            "user series",
            "session series",
            "__other__ user series",
            "ledger calls folded to __other__",
            "elapsed s");
    long started = System.nanoTime();
    String jar;
    try (ProcessorProcess processor = ProcessorProcess.start(Map.of(), jvm)) {
      jar = ProcessorProcess.describe();
      GenAiSpanBatches generator = new GenAiSpanBatches(1, 1, 0.0, 7);
      long sent = 0;
      for (long checkpoint : checkpoints) {
        sent = stream(processor, generator, sent, checkpoint, perBatch, connections);
        checkpoint(processor, table, String.format("%,d", sent), started);
      }
      // The ledger writes its pending rollups every flush interval: measure again once idle.
      Thread.sleep(settleMs);
      checkpoint(
          processor, table, String.format("%,d + %d s idle", sent, settleMs / 1000), started);
    }
    out.println(MachineLoad.header(TITLE) + " | load at start=" + loadBefore);
    out.printf(
        "# every GenAI span has a new user and a new session; %d spans per request, %d connections;"
            + " processor %s, JVM %s, default limits (2,000 users, 200 sessions exposed, 10,000"
            + " sessions tracked)%n",
        perBatch, connections, jar, jvm);
    out.println(
        "# user series: samples of tokenmeter_user_cost_usd_total; session series: samples of"
            + " tokenmeter_session_cost_usd");
    table.print(out);
    out.println("# load average at end=" + MachineLoad.loadAverage());
  }

  private static void checkpoint(
      ProcessorProcess processor, Table table, String label, long started) throws Exception {
    processor.jcmd("GC.run");
    Matcher heap = HEAP_USED.matcher(processor.jcmd("GC.heap_info"));
    double usedMb = Double.NaN;
    double committedMb = Double.NaN;
    if (heap.find()) {
      committedMb = Long.parseLong(heap.group(1)) / 1024.0;
      usedMb = Long.parseLong(heap.group(2)) / 1024.0;
    }
    String metrics = processor.scrape();
    long series = 0;
    long users = 0;
    long sessions = 0;
    long other = 0;
    String folded = "n/a";
    for (String line : metrics.split("\n")) {
      if (line.startsWith(LEDGER_FOLDED_REQUESTS_TOTAL + " ")) {
        folded = String.format("%,.0f", Double.parseDouble(line.split("\\s+")[1]));
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      series++;
      if (line.startsWith(USER_COST_USD_TOTAL + "{")) {
        users++;
        other += line.contains(USER + "=\"__other__\"") ? 1 : 0;
      } else if (line.startsWith(SESSION_COST_USD + "{")) {
        sessions++;
      }
    }
    table.row(
        label,
        Table.fixed(usedMb, 1),
        Table.fixed(committedMb, 0),
        String.format("%,d", metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
        series,
        users,
        sessions,
        other,
        folded,
        Table.fixed((System.nanoTime() - started) / 1e9, 0));
  }

  /** Sends spans with ids {@code from}..{@code to}-1 over {@code connections} connections. */
  private static long stream(
      ProcessorProcess processor,
      GenAiSpanBatches generator,
      long from,
      long to,
      int perBatch,
      int connections)
      throws Exception {
    if (to <= from) {
      return from;
    }
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong(from);
    for (int c = 0; c < connections; c++) {
      Thread t =
          new Thread(
              () -> {
                try (OtlpSender sender = OtlpSender.http(processor.httpPort)) {
                  for (long first = next.getAndAdd(perBatch);
                      first < to;
                      first = next.getAndAdd(perBatch)) {
                    int n = (int) Math.min(perBatch, to - first);
                    byte[] body;
                    synchronized (generator) {
                      // ids start at 1: GenAiSpanBatches treats 0 as "draw at random"
                      body = generator.sequentialBatch(n, first + 1).toByteArray();
                    }
                    while (!sender.send(body)) {
                      Thread.sleep(5);
                    }
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "memory-load-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("sending failed: " + failures.get(0), failures.get(0));
    }
    return to;
  }
}
