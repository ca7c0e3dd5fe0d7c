/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's {@code jdk.ExecutionSample}s (what {@code jfr print --events
 * jdk.ExecutionSample} lists) into the top frames: by self time, by inclusive time for our own
 * methods, by area of code, plus GC pauses and allocation by class.
 */
final class JfrSummary {
  private JfrSummary() {}

  static void print(Path recording, PrintStream out, int top) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusiveOurs = new HashMap<>();
    Map<String, Integer> byArea = new HashMap<>();
    Map<String, Long> allocationByClass = new HashMap<>();
    Map<String, Long> allocationBySite = new HashMap<>();
    long samples = 0;
    long gcPauses = 0;
    Duration gcPauseTotal = Duration.ZERO;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      String type = e.getEventType().getName();
      if (type.equals("jdk.ExecutionSample")) {
        RecordedStackTrace stack = e.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        String topFrame = name(frames.get(0));
        self.merge(topFrame, 1, Integer::sum);
        byArea.merge(area(frames), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (n.startsWith("io.tokenmeter.") && seen.add(n)) {
            inclusiveOurs.merge(n, 1, Integer::sum);
          }
        }
      } else if (type.equals("jdk.GCPhasePause")) {
        gcPauses++;
        gcPauseTotal = gcPauseTotal.plus(e.getDuration());
      } else if (type.equals("jdk.ObjectAllocationSample")) {
        String cls = e.getClass("objectClass").getName();
        allocationByClass.merge(cls, e.getLong("weight"), Long::sum);
        RecordedStackTrace stack = e.getStackTrace();
        if (stack != null && !stack.getFrames().isEmpty()) {
          allocationBySite.merge(allocationSite(stack.getFrames()), e.getLong("weight"), Long::sum);
        }
      }
    }
    out.println(
        "# JFR: "
            + samples
            + " execution samples; GC pauses: "
            + gcPauses
            + ", total "
            + gcPauseTotal.toMillis()
            + " ms");
    printTop(out, "top frames by self time", self, samples, top);
    printTop(
        out, "where the time goes (first frame of interest on the stack)", byArea, samples, top);
    printTop(out, "our methods, inclusive (on the stack)", inclusiveOurs, samples, top);
    long allocated = allocationByClass.values().stream().mapToLong(Long::longValue).sum();
    Table alloc = new Table("allocated class (JFR sampled weight)", "MB", "%");
    allocationByClass.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .forEach(
            en ->
                alloc.row(
                    en.getKey(),
                    Table.fixed(en.getValue() / 1e6, 0),
                    Table.fixed(100.0 * en.getValue() / Math.max(1, allocated), 1)));
    alloc.print(out);
    out.println();
    Table sites =
        new Table("allocated at (innermost io.tokenmeter frame > allocating frame)", "MB", "%");
    allocationBySite.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .forEach(
            en ->
                sites.row(
                    en.getKey(),
                    Table.fixed(en.getValue() / 1e6, 0),
                    Table.fixed(100.0 * en.getValue() / Math.max(1, allocated), 1)));
    sites.print(out);
    out.println();
  }

  private static String allocationSite(List<RecordedFrame> frames) {
    String top = name(frames.get(0));
    for (RecordedFrame f : frames) {
      String n = name(f);
      if (n.startsWith("io.tokenmeter.") && !n.contains("jmh_generated")) {
        return n.equals(top) ? n : n + " > " + shortName(top);
      }
    }
    return "(not under io.tokenmeter) " + shortName(top);
  }

  private static String shortName(String qualified) {
    int dot = qualified.lastIndexOf('.', qualified.lastIndexOf('.') - 1);
    return dot > 0 ? qualified.substring(dot + 1) : qualified;
  }

  private static void printTop(
      PrintStream out, String title, Map<String, Integer> counts, long samples, int top) {
    Table t = new Table(title, "samples", "%");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e -> t.row(e.getKey(), e.getValue(), Table.fixed(100.0 * e.getValue() / samples, 1)));
    t.print(out);
    out.println();
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** Classifies a sample by the innermost frame that names a recognisable area of work. */
  private static String area(List<RecordedFrame> frames) {
    Map<String, String> areas = new LinkedHashMap<>();
    areas.put("io.tokenmeter.processor.metrics.", "tokenmeter metrics (counters, label guard)");
    areas.put("io.tokenmeter.processor.attribution.", "tokenmeter attribution (users, sessions)");
    areas.put("io.tokenmeter.processor.budget.", "tokenmeter budgets");
    areas.put("io.tokenmeter.processor.ledger.", "tokenmeter ledger");
    areas.put("io.tokenmeter.processor.price.", "tokenmeter pricing");
    areas.put("io.tokenmeter.pricing.", "tokenmeter pricing");
    areas.put("io.tokenmeter.processor.normalize.", "tokenmeter normalise (attribute reading)");
    areas.put("io.tokenmeter.processor.otlp.RequestBody", "request body read / decompress");
    areas.put("io.opentelemetry.proto.", "protobuf decode (OTLP messages)");
    areas.put("com.google.protobuf.", "protobuf decode (runtime)");
    areas.put("sun.net.httpserver.", "JDK HTTP server");
    areas.put("io.grpc.netty.shaded.", "gRPC / Netty");
    areas.put("io.grpc.", "gRPC");
    areas.put("io.tokenmeter.", "tokenmeter other");
    for (RecordedFrame f : frames) {
      String n = name(f);
      for (Map.Entry<String, String> a : areas.entrySet()) {
        if (n.startsWith(a.getKey())) {
          return a.getValue();
        }
      }
    }
    String top = name(frames.get(0));
    int dot = top.lastIndexOf('.', top.lastIndexOf('.') - 1);
    return "other: " + (dot > 0 ? top.substring(0, dot) : top);
  }
}
