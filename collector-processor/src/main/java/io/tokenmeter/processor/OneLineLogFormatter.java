/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** Formats java.util.logging records as one {@code key=value} line each, for log pipelines. */
public final class OneLineLogFormatter extends Formatter {
  @Override
  public String format(LogRecord r) {
    StringBuilder sb =
        new StringBuilder(160)
            .append("ts=")
            .append(Instant.ofEpochMilli(r.getMillis()))
            .append(" level=")
            .append(r.getLevel().getName())
            .append(" logger=")
            .append(r.getLoggerName())
            .append(" msg=\"")
            .append(escape(formatMessage(r)))
            .append('"');
    if (r.getThrown() != null) {
      StringWriter trace = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(trace));
      sb.append(" error=\"").append(escape(trace.toString())).append('"');
    }
    return sb.append(System.lineSeparator()).toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "");
  }
}
