/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.tokenmeter.processor.config.ConfigLoader;
import io.tokenmeter.processor.config.ProcessorConfig;
import io.tokenmeter.processor.ledger.LedgerDatabase;
import io.tokenmeter.processor.ledger.UsageQuery;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code report}: prints a usage report from the ledger to stdout, progress to stderr. Exit codes:
 * 0 done, 1 the ledger could not be read, 2 bad arguments.
 */
public final class ReportCommand {
  static final String HELP =
      """
      usage: java -jar tokenmeter-collector-processor.jar report [options]

        --from YYYY-MM-DD      first day, inclusive (default: first day of this month)
        --to YYYY-MM-DD        last day, inclusive (default: today)
        --group-by KEYS        comma-separated: day, service, provider, model, user, agent, session
                               (default: no grouping, one total row)
        --format csv|json      output format (default: csv)
        --config FILE          read ledger.* and budgets_time_zone from the processor's config
        --ledger PATH|URL      the ledger: an SQLite file or a jdbc:postgresql: URL
                               (default: ledger.path / ledger.jdbc_url of the config)
        --time-zone ZONE       IANA zone the days are in (default: budgets_time_zone, else UTC)
        --help                 this text

      Days are calendar days in the budget time zone, as the processor recorded them.
      """;
  private static final Set<String> OPTIONS =
      Set.of("--from", "--to", "--group-by", "--format", "--config", "--ledger", "--time-zone");

  private ReportCommand() {}

  /** Runs the command; returns the exit code. */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
    Map<String, String> opts;
    try {
      opts = options(args);
    } catch (IllegalArgumentException e) {
      err.println("report: " + e.getMessage() + " (see --help)");
      return 2;
    }
    if (opts.containsKey("--help")) {
      out.print(HELP);
      return 0;
    }
    String url;
    ZoneId zone;
    UsageQuery query;
    String format;
    try {
      ProcessorConfig config =
          ConfigLoader.load(
              opts.containsKey("--config") ? Path.of(opts.get("--config")) : null, env);
      zone = zone(opts.get("--time-zone"), config.budgets().timeZone());
      LocalDate today = LocalDate.now(clock.withZone(zone));
      LocalDate from = date(opts, "--from", today.withDayOfMonth(1));
      LocalDate to = date(opts, "--to", today);
      if (from.isAfter(to)) {
        throw new IllegalArgumentException("--from " + from + " is after --to " + to);
      }
      query = new UsageQuery(from, to, UsageQuery.parseGroupBy(opts.get("--group-by")));
      format = opts.getOrDefault("--format", "csv");
      if (!format.equals("csv") && !format.equals("json")) {
        throw new IllegalArgumentException("--format must be csv or json, got '" + format + "'");
      }
      url = ledgerUrl(opts.get("--ledger"), config.ledger());
    } catch (IllegalArgumentException | IOException e) {
      err.println("report: " + e.getMessage() + " (see --help)");
      return 2;
    }
    return write(url, zone, query, format, out, err);
  }

  /** Two-space indents, one value per line, {@code "name": value}, and {@code []} when empty. */
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withArrayEmptySeparator("")
                  .withObjectEmptySeparator(""))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"));

  private static int write(
      String url, ZoneId zone, UsageQuery q, String format, PrintStream out, PrintStream err) {
    boolean long_ = ChronoUnit.DAYS.between(q.from(), q.to()) > 31;
    if (long_) {
      err.println("report: reading " + q.from() + " .. " + q.to() + " from " + url);
    }
    try (LedgerDatabase db = LedgerDatabase.open(url)) {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
      long rows;
      if (format.equals("csv")) {
        rows = UsageReport.csv(db, q, w, n -> err.println("report: " + n + " rows"));
      } else {
        JsonGenerator json =
            new JsonFactory().createGenerator(w).setPrettyPrinter(PRETTY.createInstance());
        rows = UsageReport.json(db, q, zone, json, n -> err.println("report: " + n + " rows"));
        w.write('\n');
      }
      w.flush();
      if (long_) {
        err.println("report: done, " + rows + " rows");
      }
      return 0;
    } catch (SQLException | IOException e) {
      err.println("report: cannot read the ledger " + url + ": " + e.getMessage());
      return 1;
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        opts.put("--help", "");
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args[++i];
      }
      if (opts.put(name, value) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    return opts;
  }

  private static String ledgerUrl(String option, ProcessorConfig.Ledger ledger) {
    String url =
        option == null
            ? ledger.url()
            : option.startsWith("jdbc:") ? option : "jdbc:sqlite:" + option;
    if (url.startsWith("jdbc:sqlite:")) {
      Path file = Path.of(url.substring("jdbc:sqlite:".length()));
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("ledger file not found: " + file);
      }
    } else if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--ledger must be a file or a jdbc:postgresql: URL");
    }
    return url;
  }

  private static ZoneId zone(String option, ZoneId configured) {
    if (option == null) {
      return configured;
    }
    try {
      return ZoneId.of(option);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("--time-zone must be an IANA zone, got '" + option + "'");
    }
  }

  private static LocalDate date(Map<String, String> opts, String name, LocalDate fallback) {
    String v = opts.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      if (v.length() != 10) {
        throw new DateTimeParseException("length", v, 0);
      }
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be YYYY-MM-DD, got '" + v + "'");
    }
  }
}
