/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.jvm;

import io.tokenmeter.testing.otlp.OtlpReceiver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds and runs a child JVM: {@code ${java.home}/bin/java} with the real OpenTelemetry javaagent
 * from {@code dist/} (optionally with the Tokenmeter extension, or with no agent at all), the
 * integration tests' classes and one SDK classpath, exporting OTLP to an {@link OtlpReceiver}.
 *
 * <pre>{@code
 * AgentJvm.Result r = AgentJvm.named("chat").receiver(otlp).sdk(Sdk.OPENAI_NEWEST)
 *     .mainClass(OpenAiApp.class).args(provider.baseUrl(), "chat").run(Duration.ofSeconds(60));
 * }</pre>
 */
public final class AgentJvm {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final String name;
  private boolean agent = true;
  private boolean extension = true;
  private OtlpReceiver receiver;
  private String exportEndpoint;
  private final Map<String, String> sysprops = new LinkedHashMap<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> sdks = new ArrayList<>();
  private String mainClass;
  private final List<String> args = new ArrayList<>();

  private AgentJvm(String name) {
    this.name = name;
  }

  /** Starts a builder; the name becomes {@code otel.service.name} and names the log files. */
  public static AgentJvm named(String name) {
    return new AgentJvm(name);
  }

  /** Loads {@code dist/tokenmeter-agent-extension.jar} into the agent, or not (default: loaded). */
  public AgentJvm withExtension(boolean load) {
    this.extension = load;
    return this;
  }

  /** Runs the app without any javaagent: the baseline for "the app behaves the same". */
  public AgentJvm withoutAgent() {
    this.agent = false;
    return this;
  }

  /** Sets where the agent exports OTLP. Without a receiver the agent exports nothing. */
  public AgentJvm receiver(OtlpReceiver receiver) {
    this.receiver = receiver;
    return this;
  }

  /** Adds or overrides a {@code -D} system property (including the {@code otel.*} defaults). */
  /**
   * Exports OTLP (http/protobuf) to this endpoint instead of an in-test receiver, e.g. the
   * processor.
   */
  public AgentJvm exportTo(String endpoint) {
    this.exportEndpoint = endpoint;
    return this;
  }

  public AgentJvm sysprop(String key, String value) {
    sysprops.put(key, value);
    return this;
  }

  /**
   * Sets an environment variable of the child ({@code OTEL_*} variables of the parent are never
   * passed on).
   */
  public AgentJvm env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /** Adds a raw JVM option such as {@code -Xmx256m}. */
  public AgentJvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  /**
   * Adds the classpath of an SDK module under {@code integration-tests/sdk-classpaths}, e.g. {@link
   * Sdk#OPENAI_NEWEST}.
   */
  public AgentJvm sdk(String sdkName) {
    sdks.add(sdkName);
    return this;
  }

  /** Sets the class whose {@code main} runs; it must be among the integration tests' classes. */
  public AgentJvm mainClass(Class<?> type) {
    return mainClass(type.getName());
  }

  /** Sets the class whose {@code main} runs, by name. */
  public AgentJvm mainClass(String className) {
    this.mainClass = className;
    return this;
  }

  /** Appends program arguments. */
  public AgentJvm args(String... values) {
    args.addAll(Arrays.asList(values));
    return this;
  }

  /** Appends program arguments. */
  public AgentJvm args(List<String> values) {
    args.addAll(values);
    return this;
  }

  /** Returns the full command line this builder would run. */
  public List<String> command() {
    if (mainClass == null) {
      throw new IllegalStateException("mainClass not set");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    Map<String, String> props = new LinkedHashMap<>();
    if (agent) {
      cmd.add("-javaagent:" + RepoLayout.dist("opentelemetry-javaagent.jar"));
      if (extension) {
        props.put(
            "otel.javaagent.extensions",
            RepoLayout.dist("tokenmeter-agent-extension.jar").toString());
      }
      props.putAll(otelDefaults());
    }
    props.putAll(sysprops);
    props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  private Map<String, String> otelDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("otel.service.name", name);
    String endpoint =
        exportEndpoint != null ? exportEndpoint : receiver == null ? null : receiver.endpoint();
    if (endpoint != null) {
      d.put("otel.exporter.otlp.endpoint", endpoint);
      d.put("otel.exporter.otlp.protocol", "http/protobuf");
      d.put("otel.traces.exporter", "otlp");
      d.put("otel.metrics.exporter", "otlp");
    } else {
      d.put("otel.traces.exporter", "none");
      d.put("otel.metrics.exporter", "none");
    }
    d.put("otel.logs.exporter", "none");
    d.put("otel.metric.export.interval", "500");
    d.put("otel.bsp.schedule.delay", "50");
    d.put("otel.javaagent.debug", "false");
    return d;
  }

  private String classpath() {
    List<String> entries = new ArrayList<>();
    entries.add(RepoLayout.testClasses().toString());
    for (String sdk : sdks) {
      entries.add(RepoLayout.sdkClasspath(sdk));
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Starts the JVM and returns at once; close the handle to stop the process tree. */
  public RunningJvm start() {
    List<String> cmd = command();
    String id = name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + SEQUENCE.incrementAndGet();
    Path dir = RepoLayout.childLogDir();
    ChildProcesses.ChildLogs logs =
        new ChildProcesses.ChildLogs(
            name, cmd, dir.resolve(id + ".stdout"), dir.resolve(id + ".stderr"));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectOutput(logs.stdout().toFile())
            .redirectError(logs.stderr().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_"));
    pb.environment().putAll(env);
    try {
      Process process = pb.start();
      ChildProcesses.register(process, logs);
      return new RunningJvm(process, logs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
  }

  private static String nullDevice() {
    return File.separatorChar == '\\' ? "NUL" : "/dev/null";
  }

  /**
   * Runs the JVM to completion; fails (after stopping it) when it takes longer than the timeout.
   */
  public Result run(Duration timeout) {
    RunningJvm jvm = start();
    try {
      if (!jvm.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "child JVM '" + name + "' did not exit within " + timeout + jvm.describe());
      }
      return new Result(
          jvm.process().exitValue(),
          Files.readAllLines(jvm.logs().stdout()),
          Files.readString(jvm.logs().stderr()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      jvm.close();
    }
  }

  /** What a finished child JVM left: exit code, stdout lines and stderr. */
  public record Result(int exitCode, List<String> stdout, String stderr) {
    private static final String RESULT_PREFIX = "RESULT ";

    /**
     * Returns the {@code RESULT <scenario> <outcome>} lines as scenario to outcome, in print order.
     */
    public Map<String, String> results() {
      Map<String, String> out = new LinkedHashMap<>();
      for (String line : stdout) {
        if (line.startsWith(RESULT_PREFIX)) {
          String rest = line.substring(RESULT_PREFIX.length());
          int space = rest.indexOf(' ');
          out.put(
              space < 0 ? rest : rest.substring(0, space),
              space < 0 ? "" : rest.substring(space + 1));
        }
      }
      return out;
    }

    /** Returns the outcome printed for the scenario; fails when there is none. */
    public String result(String scenario) {
      String outcome = results().get(scenario);
      if (outcome == null) {
        throw new AssertionError("no RESULT line for scenario '" + scenario + "'" + describe());
      }
      return outcome;
    }

    /** Fails, with the output in the message, unless the JVM exited with 0; returns this. */
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError("child JVM exited with " + exitCode + describe());
      }
      return this;
    }

    /** Describes the run for failure messages: exit code, stdout and the end of stderr. */
    public String describe() {
      List<String> errLines = stderr.lines().toList();
      List<String> errTail = errLines.subList(Math.max(0, errLines.size() - 150), errLines.size());
      return "\n----- exit code "
          + exitCode
          + "\n----- stdout:\n  "
          + String.join("\n  ", stdout)
          + "\n----- stderr (last "
          + errTail.size()
          + " lines):\n  "
          + String.join("\n  ", errTail)
          + "\n-----";
    }
  }
}
