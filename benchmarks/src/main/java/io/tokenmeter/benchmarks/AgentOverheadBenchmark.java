/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import io.tokenmeter.demo.provider.FakeLlmProvider;
import io.tokenmeter.testing.otlp.OtlpReceiver;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Agent overhead per LLM call: the same app ({@link LlmCallApp}: openai-java sync chat, streaming
 * chat, anthropic-java message) against the fake provider on loopback, in child JVMs under the four
 * {@link AgentSetup}s, interleaved round-robin (the order rotates every round). Prints per-call
 * median and p99, the ratios to "agent alone", JVM start to first call, and what each setup really
 * exported.
 *
 * <p>Options: {@code --rounds=6} (JVMs per setup), {@code --warmup=300} and {@code --calls=300}
 * (per operation per JVM), {@code --verify=false} (skip the untimed "what does each setup export"
 * runs), {@code --setups=AGENT_ALONE,EXTENSION} (a subset), {@code --child-jvm-options="..."}.
 */
public final class AgentOverheadBenchmark {
  static final String TITLE = "Agent overhead per LLM call";
  private static final double MEDIAN_RATIO_GOAL = 1.02;
  private static final double STARTUP_GOAL_MS = 150;

  static {
    // The fake provider runs on the JDK HTTP server: without TCP_NODELAY its separate header and
    // body writes meet the client's delayed ACK, and every call would wait ~40 ms for nothing.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private AgentOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(BenchArgs.parse(args), System.out);
  }

  static void run(BenchArgs args, PrintStream out) throws Exception {
    int rounds = args.integer("rounds", 6);
    int warmup = args.integer("warmup", 300);
    int calls = args.integer("calls", 300);
    String classpath = RepoPaths.childAppClasspath();
    List<AgentSetup> setups = new ArrayList<>();
    for (String name :
        args.text("setups", "NO_AGENT,EXTENSION_DISABLED,AGENT_ALONE,EXTENSION").split(",")) {
      setups.add(AgentSetup.valueOf(name.trim()));
    }
    List<String> childJvm = new ArrayList<>();
    for (String option : args.text("child-jvm-options", "").split(" ")) {
      if (!option.isBlank()) {
        childJvm.add(option);
      }
    }
    Map<AgentSetup, Map<String, Samples>> latency = new EnumMap<>(AgentSetup.class);
    Map<AgentSetup, Samples> startup = new EnumMap<>(AgentSetup.class);
    for (AgentSetup setup : AgentSetup.TIMED) {
      Map<String, Samples> byOperation = new LinkedHashMap<>();
      LlmCallApp.OPERATIONS.forEach(op -> byOperation.put(op, new Samples()));
      latency.put(setup, byOperation);
      startup.put(setup, new Samples());
    }
    String loadBefore = MachineLoad.loadAverage();
    ServiceExports exports = new ServiceExports();
    try (FakeLlmProvider provider = FakeLlmProvider.start();
        OtlpReceiver sink = OtlpReceiver.start(exports)) {
      if (args.text("verify", "true").equals("true")) {
        // Not timed: does "extension disabled" export what the agent alone does?
        for (AgentSetup setup : List.of(AgentSetup.EXTENSION_DISABLED, AgentSetup.AGENT_DEFAULTS)) {
          runChild(setup, childJvm, classpath, provider.baseUrl(), sink.endpoint(), 0, 2);
        }
        Thread.sleep(1500);
        printExported(
            out,
            exports,
            "before the timed runs (2 calls per operation each)",
            List.of(AgentSetup.EXTENSION_DISABLED, AgentSetup.AGENT_DEFAULTS));
        exports.forget();
      }
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < setups.size(); i++) {
          AgentSetup setup = setups.get((i + round) % setups.size());
          ChildRun run =
              runChild(
                  setup, childJvm, classpath, provider.baseUrl(), sink.endpoint(), warmup, calls);
          startup.get(setup).add(run.startupMillis);
          run.nanos.forEach((op, values) -> values.forEach(v -> latency.get(setup).get(op).add(v)));
        }
      }
      // Give the last exports time to arrive before reading what each setup exported.
      Thread.sleep(500);
      print(out, setups, rounds, warmup, calls, loadBefore, latency, startup, exports);
    }
  }

  private static void printExported(
      PrintStream out, ServiceExports exports, String when, List<AgentSetup> setups) {
    out.println("# what each setup exported, " + when);
    Table exported = new Table("setup", "what it exported", "tokenmeter.* metrics");
    for (AgentSetup setup : setups) {
      ServiceExports.Seen seen = exports.seen(setup.serviceName());
      exported.row(
          setup.label,
          setup == AgentSetup.NO_AGENT ? "nothing (no agent)" : seen.spanSummary(),
          seen.anyTokenmeterMetric() ? "yes" : "no");
    }
    exported.print(out);
    out.println();
  }

  private static final class ChildRun {
    long startupMillis;
    final Map<String, List<Long>> nanos = new LinkedHashMap<>();
  }

  private static ChildRun runChild(
      AgentSetup setup,
      List<String> childJvm,
      String classpath,
      String baseUrl,
      String otlp,
      int warmup,
      int calls)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(RepoPaths.java());
    command.addAll(childJvm);
    command.addAll(setup.jvmOptions(otlp));
    command.add("-cp");
    command.add(classpath);
    command.add(LlmCallApp.class.getName());
    command.add(baseUrl);
    command.add(Integer.toString(warmup));
    command.add(Integer.toString(calls));
    Path stderr = Files.createTempFile("tokenmeter-bench-" + setup.serviceName(), ".stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(stderr.toFile())
            .redirectInput(new File("/dev/null"));
    builder.environment().keySet().removeIf(k -> k.startsWith("OTEL_"));
    long launched = System.currentTimeMillis();
    Process process = builder.start();
    ChildRun run = new ChildRun();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("FIRST_CALL_DONE_EPOCH_MS ")) {
          run.startupMillis = Long.parseLong(line.substring(25).trim()) - launched;
        } else if (line.startsWith("LATENCY_NANOS ")) {
          String[] parts = line.split(" ", 3);
          List<Long> values = new ArrayList<>();
          for (String v : parts[2].split(",")) {
            values.add(Long.parseLong(v));
          }
          run.nanos.put(parts[1], values);
        }
      }
    }
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || run.nanos.isEmpty()) {
      process.destroyForcibly();
      throw new IllegalStateException(
          setup.label
              + ": child JVM failed (exit "
              + (process.isAlive() ? "?" : process.exitValue())
              + "); stderr in "
              + stderr
              + ":\n"
              + tail(stderr));
    }
    Files.deleteIfExists(stderr);
    return run;
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static void print(
      PrintStream out,
      List<AgentSetup> setups,
      int rounds,
      int warmup,
      int calls,
      String loadBefore,
      Map<AgentSetup, Map<String, Samples>> latency,
      Map<AgentSetup, Samples> startup,
      ServiceExports exports) {
    out.println(MachineLoad.header(TITLE) + " | load at start=" + loadBefore);
    out.printf(
        "# %d JVMs per setup, interleaved round-robin; per JVM %d warm-up + %d measured calls per"
            + " operation%n",
        rounds, warmup, calls);
    Table perCall =
        new Table(
            "setup",
            "operation",
            "calls",
            "median µs",
            "p99 µs",
            "median / agent alone",
            "p99 / agent alone");
    for (AgentSetup setup : setups) {
      for (String op : LlmCallApp.OPERATIONS) {
        Samples s = latency.get(setup).get(op);
        Samples base = latency.get(AgentSetup.AGENT_ALONE).get(op);
        perCall.row(
            setup.label,
            op,
            s.size(),
            Table.fixed(s.median() / 1e3, 1),
            Table.fixed(s.quantile(0.99) / 1e3, 1),
            Table.fixed(s.median() / base.median(), 3),
            Table.fixed(s.quantile(0.99) / base.quantile(0.99), 3));
      }
    }
    perCall.print(out);
    out.println();
    Table start =
        new Table(
            "setup",
            "JVMs",
            "start to first call, median ms",
            "min ms",
            "max ms",
            "vs agent alone ms");
    double baseStart = startup.get(AgentSetup.AGENT_ALONE).median();
    for (AgentSetup setup : setups) {
      Samples s = startup.get(setup);
      start.row(
          setup.label,
          s.size(),
          Table.fixed(s.median(), 0),
          Table.fixed(s.quantile(0), 0),
          Table.fixed(s.quantile(1), 0),
          Table.fixed(s.median() - baseStart, 0));
    }
    start.print(out);
    out.println();
    printExported(out, exports, "in the timed runs", setups);
    double worst = 0;
    for (String op : LlmCallApp.OPERATIONS) {
      worst =
          Math.max(
              worst,
              latency.get(AgentSetup.EXTENSION).get(op).median()
                  / latency.get(AgentSetup.AGENT_ALONE).get(op).median());
    }
    double addedStart = startup.get(AgentSetup.EXTENSION).median() - baseStart;
    out.printf(
        "# goal: extension / agent alone median ratio <= %.2f: worst %.3f -> %s%n",
        MEDIAN_RATIO_GOAL, worst, worst <= MEDIAN_RATIO_GOAL ? "MET" : "MISSED");
    out.printf(
        "# goal: extension adds <= %.0f ms to start-to-first-call: %+.0f ms -> %s%n",
        STARTUP_GOAL_MS, addedStart, addedStart <= STARTUP_GOAL_MS ? "MET" : "MISSED");
    out.println("# load average at end=" + MachineLoad.loadAverage());
  }
}
