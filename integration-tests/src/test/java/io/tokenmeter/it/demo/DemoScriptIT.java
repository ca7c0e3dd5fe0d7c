/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tokenmeter.it.jvm.RepoLayout;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code ./demo.sh} as a user would (without the build: {@code mvn verify} built {@code dist/}
 * and the demo already) and checks its exit code, its report and its {@code --summary-file}.
 *
 * <p>With {@code prometheus} and {@code prometheus-alertmanager} (or {@code alertmanager}) on the
 * PATH the whole alert path is checked too. CI installs them ({@code .ci/run}): with {@code
 * CI=true} and either missing, the test fails; locally it runs the demo without them and says so.
 */
class DemoScriptIT {
  private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(4);
  private static final Pattern WORK_DIR = Pattern.compile("work dir (\\S+)");

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void reap() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void demoRunsEndToEndAndReportsSpendBudgetsAndAlerts() throws Exception {
    boolean alerting = alertingToolsInstalled();
    if (!alerting) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(
            "CI=true but prometheus and/or prometheus-alertmanager are not on the PATH:"
                + " .ci/run installs them (apt-get install prometheus prometheus-alertmanager);"
                + " the demo's alert path must be tested in CI");
      }
      System.err.println(
          "\n"
              + "*******************************************************************************\n"
              + "* DemoScriptIT: prometheus/alertmanager NOT installed: testing the demo WITHOUT"
              + " *\n"
              + "* the alert path. apt-get install prometheus prometheus-alertmanager to test"
              + " it.*\n"
              + "*******************************************************************************\n");
    }
    Path dir = outputDir();
    Path summaryFile = dir.resolve("summary.txt");
    Path output = dir.resolve("demo-output.log");
    Files.deleteIfExists(summaryFile);

    long t0 = System.nanoTime();
    Process demo = startDemo(output, "--no-build", "--summary-file", summaryFile.toString());
    boolean exited = demo.waitFor(DEMO_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    String out = Files.readString(output, StandardCharsets.UTF_8);
    if (!exited) {
      fail("./demo.sh did not finish within " + DEMO_TIMEOUT + ":\n" + out);
    }
    assertThat(demo.exitValue()).as("exit code of ./demo.sh; its output:\n%s", out).isZero();
    Map<String, String> summary = summary(summaryFile);
    String context = "summary " + summaryFile + ":\n" + summary + "\noutput:\n" + out;

    assertThat(summary.get("result")).as(context).isEqualTo("ok");
    assertThat(out)
        .as("the terminal report")
        .contains(
            "Spend by model",
            "Top users",
            "Top sessions",
            "Budgets",
            "Alerts",
            "Where to look",
            "/metrics",
            "/api/v1/budgets",
            "tokenmeter-ledger.db");

    // Every LLM call the app made reached the processor.
    assertThat(summary.get("llm_calls")).as(context).isNotBlank();
    assertThat(summary.get("processor_requests")).as(context).isEqualTo(summary.get("llm_calls"));
    assertThat(Long.parseLong(summary.get("provider_errors"))).as(context).isPositive();

    assertThat(positive(summary, "model.", ".cost_usd")).as(context).hasSizeGreaterThanOrEqualTo(3);
    assertThat(positive(summary, "user.", ".cost_usd"))
        .as(context)
        .hasSizeGreaterThanOrEqualTo(4)
        .contains("carol", "dave", "erin"); // baggage and the SDK request's own user field
    assertThat(Integer.parseInt(summary.get("budgets_exceeded"))).as(context).isPositive();
    assertThat(summary.get("top_sessions")).as(context).startsWith("carol-research-7");
    assertThat(summary.get("budget_check.carol.allowed")).as(context).isEqualTo("false");

    if (alerting) {
      assertThat(summary.get("prometheus")).as(context).isEqualTo("on");
      assertThat(Integer.parseInt(summary.getOrDefault("alerts_delivered.LLMBudgetExceeded", "0")))
          .as("LLMBudgetExceeded notifications delivered to the webhook; " + context)
          .isPositive();
    } else {
      assertThat(summary.get("prometheus")).as(context).isEqualTo("off");
    }

    // Under 3 minutes after the build (the script's own clock; the test's includes JVM start-up).
    assertThat(Long.parseLong(summary.get("demo_seconds"))).as(context).isLessThan(180);
    System.out.println(
        "DemoScriptIT: ./demo.sh took "
            + seconds
            + " s (demo_seconds="
            + summary.get("demo_seconds")
            + ")");

    assertNothingLeftRunning(summary.get("work_dir"), context);
    deleteWorkDir(summary.get("work_dir"));
  }

  /** Ctrl-C in the middle of the traffic: the script stops every process it started. */
  @Test
  void interruptStopsEveryProcessTheDemoStarted() throws Exception {
    Path output = outputDir().resolve("demo-interrupted.log");
    Process demo = startDemo(output, "--no-build");
    String out = awaitOutput(output, "Sending traffic", Duration.ofSeconds(120), demo);
    Matcher m = WORK_DIR.matcher(out);
    assertThat(m.find()).as("work dir line in:\n%s", out).isTrue();
    String workDir = m.group(1);

    // Ctrl-C: SIGINT to the script's whole foreground process group (setsid made it its own;
    // without setsid only the script gets it, and bash acts on it once the driver is done).
    String target = onPath("setsid") ? "-" + demo.pid() : String.valueOf(demo.pid());
    new ProcessBuilder("kill", "-INT", "--", target).inheritIO().start().waitFor();
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the script exits after Ctrl-C").isTrue();
    String all = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(demo.exitValue()).as(all).isNotZero();
    assertThat(all).contains("Stopping the demo processes");
    assertNothingLeftRunning(workDir, all);
    deleteWorkDir(workDir);
  }

  /** The script keeps its work dir (logs, ledger) for the user; a passing test removes it. */
  private static void deleteWorkDir(String workDir) throws IOException {
    Path dir = Path.of(workDir);
    if (!dir.getFileName().toString().startsWith("tokenmeter-demo.") || !Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Process startDemo(Path output, String... args) throws IOException {
    Path root = RepoLayout.root();
    List<String> command = new ArrayList<>();
    if (onPath("setsid")) {
      command.add("setsid"); // its own process group, as in a terminal (for the Ctrl-C test)
    }
    command.add("bash");
    command.add(root.resolve("demo.sh").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    pb.environment().put("TOKENMETER_DEMO_SKIP_BUILD", "1");
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private static String awaitOutput(Path file, String text, Duration timeout, Process p)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      if (out.contains(text)) {
        return out;
      }
      if (!p.isAlive()) {
        fail("./demo.sh exited (" + p.exitValue() + ") before printing '" + text + "':\n" + out);
      }
      Thread.sleep(100);
    }
    return fail("no '" + text + "' within " + timeout + ":\n" + Files.readString(file));
  }

  /** No process of this run is left: none has the run's work dir on its command line. */
  private static void assertNothingLeftRunning(String workDir, String context)
      throws InterruptedException {
    assertThat(workDir).as(context).isNotBlank();
    List<String> left = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      left.clear();
      ProcessHandle.allProcesses()
          .filter(ProcessHandle::isAlive)
          .forEach(
              ph ->
                  ph.info()
                      .commandLine()
                      .filter(c -> c.contains(workDir))
                      .ifPresent(c -> left.add(ph.pid() + " " + c)));
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    fail(
        "processes of the demo still running after it exited:\n"
            + String.join("\n", left)
            + "\n"
            + context);
  }

  private static List<String> positive(Map<String, String> summary, String prefix, String suffix) {
    List<String> out = new ArrayList<>();
    summary.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && k.endsWith(suffix) && Double.parseDouble(v) > 0) {
            out.add(k.substring(prefix.length(), k.length() - suffix.length()));
          }
        });
    return out;
  }

  private static Map<String, String> summary(Path file) throws IOException {
    assertThat(file).as("--summary-file written").exists();
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  private static boolean alertingToolsInstalled() {
    return onPath("prometheus") && (onPath("prometheus-alertmanager") || onPath("alertmanager"));
  }

  private static boolean onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  private static Path outputDir() throws IOException {
    return Files.createDirectories(RepoLayout.itModule().resolve("target").resolve("demo-it"));
  }
}
