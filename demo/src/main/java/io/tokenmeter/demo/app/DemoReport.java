/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.app;

import static io.tokenmeter.contract.PrometheusFamilies.COST_USD_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.REQUESTS_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.SESSION_COST_USD;
import static io.tokenmeter.contract.PrometheusFamilies.TOKENS_TOTAL;
import static io.tokenmeter.contract.PrometheusFamilies.USER_COST_USD_TOTAL;
import static io.tokenmeter.contract.PrometheusLabels.MODEL;
import static io.tokenmeter.contract.PrometheusLabels.SESSION;
import static io.tokenmeter.contract.PrometheusLabels.USER;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's final report: waits until the processor has seen every LLM call the app made (and the
 * ledger has them), and, with Prometheus and Alertmanager running, until a budget alert has reached
 * the webhook; then prints spend by model, top users, top sessions, budget status, alerts and where
 * everything is, and writes the same facts as {@code key=value} lines to {@code --summary-file}.
 *
 * <p>Exit code 0 when the pipeline worked end to end, 1 (with the reason on stdout) when it did
 * not.
 */
public final class DemoReport {
  private final Map<String, String> o;
  private final PrintStream out;
  private final Map<String, String> summary = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final String processor;

  private DemoReport(Map<String, String> options, PrintStream out) {
    this.o = options;
    this.out = out;
    this.processor = options.get("processor");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o =
        DemoArgs.parse(
            args,
            "processor",
            "otlp",
            "expected-calls",
            "driver-result",
            "summary-file",
            "webhook-file",
            "prometheus",
            "alertmanager",
            "alert-timeout",
            "ledger",
            "config",
            "work-dir",
            "processor-jar",
            "sync-timeout");
    DemoArgs.require(o, "processor", "DemoReport --processor URL ...");
    DemoReport r = new DemoReport(o, System.out);
    int code = r.run();
    System.exit(code);
  }

  int run() throws IOException, InterruptedException {
    readDriverResult();
    long expected =
        Long.parseLong(o.getOrDefault("expected-calls", summary.getOrDefault("llm_calls", "0")));
    long syncTimeout = Long.parseLong(o.getOrDefault("sync-timeout", "30")) * 1000;

    // 1. Every call the app made has reached the processor (spans exported, priced, counted).
    out.printf(Locale.ROOT, "  waiting for the processor to count all %d LLM calls...%n", expected);
    long seen = awaitProcessorCount(expected, syncTimeout);
    summary.put("processor_requests", String.valueOf(seen));
    if (seen != expected) {
      failures.add(
          "the processor counted "
              + seen
              + " LLM calls, the app made "
              + expected
              + " (see the app and processor logs)");
    }
    // 2. The ledger has flushed them (the API reads the ledger).
    boolean api = awaitLedger(seen, syncTimeout);
    summary.put("api", api ? "on" : "off");

    // 3. Budget alerts through Prometheus -> Alertmanager -> webhook.
    boolean prometheus = o.containsKey("prometheus");
    summary.put("prometheus", prometheus ? "on" : "off");
    Budgets budgets = budgets(api);
    if (prometheus && o.containsKey("webhook-file") && budgets.exceeded > 0) {
      long timeout = Long.parseLong(o.getOrDefault("alert-timeout", "60")) * 1000;
      awaitWebhookAlert("LLMBudgetExceeded", timeout);
    }

    out.println();
    out.println(
        "==================================  Tokenmeter demo report "
            + " ==================================");
    spendByModel(api);
    topUsers(api);
    topSessions(api);
    printBudgets(budgets);
    alerts(prometheus);
    where(api, prometheus);

    if (prometheus
        && budgets.exceeded > 0
        && count(summary.get("alerts_delivered.LLMBudgetExceeded")) == 0) {
      failures.add(
          "a budget is exceeded but no LLMBudgetExceeded alert reached the webhook within "
              + o.getOrDefault("alert-timeout", "60")
              + " s (see prometheus.log, alertmanager.log)");
    }
    if (budgets.exceeded == 0) {
      failures.add(
          "no budget was exceeded (the demo's runaway session should exceed carol's daily budget)");
    }
    if (count(summary.get("models_with_spend")) == 0) {
      failures.add("no spend was recorded");
    }
    summary.put("result", failures.isEmpty() ? "ok" : "failed");
    summary.put("failures", String.join(" | ", failures));
    writeSummary();
    out.println(
        "==============================================================================================");
    if (!failures.isEmpty()) {
      out.println();
      for (String f : failures) {
        out.println("FAILED: " + f);
      }
      return 1;
    }
    return 0;
  }

  // ---------------------------------------------------------------------------------- waiting

  private long awaitProcessorCount(long expected, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    long seen = -1;
    while (true) {
      try {
        seen = Math.round(DemoHttp.sum(metrics(), REQUESTS_TOTAL));
      } catch (IOException e) {
        seen = -1;
      }
      if (seen >= expected || System.currentTimeMillis() > deadline) {
        return Math.max(seen, 0);
      }
      Thread.sleep(250);
    }
  }

  /** Returns false when this processor has no usage API (then the report uses /metrics). */
  private boolean awaitLedger(long expected, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      try {
        JsonNode usage = DemoHttp.getJson(processor + "/api/v1/usage");
        long requests = usage.path("totals").path("requests").asLong();
        if (requests >= expected) {
          return true;
        }
      } catch (IOException e) {
        if (e.getMessage() != null && e.getMessage().contains("-> 404")) {
          out.println("  (this processor has no /api/v1/usage: reporting from /metrics only)");
          return false;
        }
      }
      if (System.currentTimeMillis() > deadline) {
        failures.add("the ledger did not show all calls within the timeout (/api/v1/usage)");
        return true;
      }
      Thread.sleep(250);
    }
  }

  private void awaitWebhookAlert(String alertname, long timeoutMillis)
      throws IOException, InterruptedException {
    Path file = Path.of(o.get("webhook-file"));
    if (deliveredAlerts(file).stream().anyMatch(a -> alertname.equals(a.name))) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "  waiting for Prometheus -> Alertmanager to deliver %s to the webhook (up to %d s)...%n",
        alertname,
        timeoutMillis / 1000);
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (deliveredAlerts(file).stream().anyMatch(a -> alertname.equals(a.name))) {
        return;
      }
      Thread.sleep(500);
    }
  }

  // ---------------------------------------------------------------------------------- sections

  private void spendByModel(boolean api) throws IOException {
    out.println();
    out.println("Spend by model (this run's ledger)");
    List<Row> rows = new ArrayList<>();
    if (api) {
      for (JsonNode r : usage("provider,model")) {
        rows.add(new Row(r.path("provider").asText("") + " " + r.path("model").asText(""), r));
      }
    } else {
      String m = metrics();
      Map<String, Double> cost = DemoHttp.sumBy(m, COST_USD_TOTAL, MODEL, l -> true);
      Map<String, Double> req = DemoHttp.sumBy(m, REQUESTS_TOTAL, MODEL, l -> true);
      Map<String, Double> tok = DemoHttp.sumBy(m, TOKENS_TOTAL, MODEL, l -> true);
      cost.forEach(
          (k, v) ->
              rows.add(
                  new Row(
                      k,
                      req.getOrDefault(k, 0.0).longValue(),
                      tok.getOrDefault(k, 0.0).longValue(),
                      BigDecimal.valueOf(v))));
    }
    rows.sort(Comparator.comparing(Row::cost).reversed());
    table(rows, "model");
    BigDecimal total = BigDecimal.ZERO;
    int withSpend = 0;
    for (Row r : rows) {
      total = total.add(r.cost);
      if (r.cost.signum() > 0) {
        withSpend++;
        summary.put("model." + r.key.replace(' ', '/') + ".cost_usd", r.cost.toPlainString());
      }
    }
    out.printf(Locale.ROOT, "    %-44s %43s%n", "total", usd(total));
    summary.put("total_cost_usd", total.toPlainString());
    summary.put("models_with_spend", String.valueOf(withSpend));
  }

  private void topUsers(boolean api) throws IOException {
    out.println();
    out.println("Top users");
    List<Row> rows = new ArrayList<>();
    if (api) {
      for (JsonNode r : usage("user")) {
        rows.add(new Row(r.path("user").isNull() ? "(no user)" : r.path("user").asText(), r));
      }
    } else {
      String m = metrics();
      DemoHttp.sumBy(m, USER_COST_USD_TOTAL, USER, l -> true)
          .forEach((k, v) -> rows.add(new Row(k, 0, 0, BigDecimal.valueOf(v))));
    }
    rows.sort(Comparator.comparing(Row::cost).reversed());
    table(rows, "user");
    int withSpend = 0;
    for (Row r : rows) {
      if (r.cost.signum() > 0 && !r.key.equals("(no user)")) {
        withSpend++;
        summary.put("user." + r.key + ".cost_usd", r.cost.toPlainString());
      }
    }
    summary.put("users_with_spend", String.valueOf(withSpend));
  }

  private void topSessions(boolean api) throws IOException {
    out.println();
    out.println("Top sessions");
    List<Row> rows = new ArrayList<>();
    if (api) {
      for (JsonNode s :
          DemoHttp.getJson(processor + "/api/v1/sessions/top?limit=5").path("sessions")) {
        String user = s.path("user").isNull() ? "-" : s.path("user").asText();
        rows.add(
            new Row(
                s.path("session").asText() + "  (user " + user + ")",
                s.path("requests").asLong(),
                s.path("tokens").asLong(),
                new BigDecimal(s.path("cost_usd").asText("0"))));
      }
    } else {
      DemoHttp.sumBy(metrics(), SESSION_COST_USD, SESSION, l -> true)
          .forEach((k, v) -> rows.add(new Row(k, 0, 0, BigDecimal.valueOf(v))));
      rows.sort(Comparator.comparing(Row::cost).reversed());
    }
    table(rows.subList(0, Math.min(5, rows.size())), "session");
    List<String> names = new ArrayList<>();
    for (Row r : rows) {
      names.add(r.key.split(" ")[0]);
    }
    summary.put("top_sessions", String.join(",", names.subList(0, Math.min(5, names.size()))));
  }

  /** Budget subjects in their current period. */
  private record Budgets(List<JsonNode> rows, int exceeded) {}

  private Budgets budgets(boolean api) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    if (api) {
      try {
        DemoHttp.getJson(processor + "/api/v1/budgets").path("budgets").forEach(rows::add);
      } catch (IOException e) {
        out.println("  (no /api/v1/budgets: " + e.getMessage() + ")");
      }
    }
    int exceeded = 0;
    for (JsonNode b : rows) {
      if ("exceeded".equals(b.path("status").asText())) {
        exceeded++;
      }
    }
    return new Budgets(rows, exceeded);
  }

  private void printBudgets(Budgets budgets) {
    out.println();
    out.println("Budgets (current period)");
    if (budgets.rows.isEmpty()) {
      out.println("    (none configured or no budget API in this processor build)");
    }
    List<JsonNode> sorted = new ArrayList<>(budgets.rows);
    sorted.sort(Comparator.comparing((JsonNode b) -> ratio(b)).reversed());
    Map<String, Integer> states = new TreeMap<>();
    for (JsonNode b : sorted) {
      String state = b.path("status").asText();
      states.merge(state, 1, Integer::sum);
      out.printf(
          Locale.ROOT,
          "    %-16s %-8s %-18s %10s of %8s USD / %-5s %5.0f%%  %s%n",
          b.path("name").asText(),
          b.path("scope").asText(),
          b.path("subject").asText(),
          money(b.path("spent_usd").asText()),
          money(b.path("limit_usd").asText()),
          b.path("period").asText(),
          ratio(b) * 100,
          state.equals("ok") ? "ok" : state.toUpperCase(Locale.ROOT));
      summary.put(
          "budget." + b.path("name").asText() + "." + b.path("subject").asText(),
          state + " " + b.path("spent_usd").asText() + "/" + b.path("limit_usd").asText());
    }
    preflightCheck(sorted);
    summary.put("budgets", String.valueOf(budgets.rows.size()));
    summary.put("budgets_exceeded", String.valueOf(budgets.exceeded));
    states.forEach((k, v) -> summary.put("budgets_" + k, String.valueOf(v)));
  }

  /**
   * What a gateway would ask before the next call of a user over budget: {@code GET
   * /api/v1/budgets/check?user=…}.
   */
  private void preflightCheck(List<JsonNode> budgets) {
    for (JsonNode b : budgets) {
      if (!"user".equals(b.path("scope").asText())
          || !"exceeded".equals(b.path("status").asText())) {
        continue;
      }
      String user = b.path("subject").asText();
      String url =
          processor
              + "/api/v1/budgets/check?user="
              + URLEncoder.encode(user, StandardCharsets.UTF_8);
      try {
        JsonNode check = DemoHttp.getJson(url);
        List<String> reasons = new ArrayList<>();
        check.path("reasons").forEach(r -> reasons.add(r.path("budget").asText()));
        out.printf(
            Locale.ROOT,
            "    pre-flight  GET /api/v1/budgets/check?user=%s -> allowed=%s%s%n",
            user,
            check.path("allowed").asText(),
            reasons.isEmpty() ? "" : " (exceeded: " + String.join(", ", reasons) + ")");
        summary.put("budget_check." + user + ".allowed", check.path("allowed").asText());
      } catch (IOException e) {
        out.println("    (no /api/v1/budgets/check: " + e.getMessage() + ")");
      }
      return; // one example is enough
    }
  }

  private void alerts(boolean prometheus) throws IOException {
    out.println();
    out.println("Alerts");
    if (!prometheus) {
      out.println(
          "    Prometheus/Alertmanager not started (not installed, or --no-prometheus): install"
              + " the");
      out.println(
          "    Debian packages `prometheus` and `prometheus-alertmanager` to see budget alerts"
              + " delivered.");
      summary.put("alerts_firing", "");
      summary.put("alerts_delivered", "0");
      return;
    }
    Map<String, Integer> firing = new TreeMap<>();
    try {
      for (JsonNode a :
          DemoHttp.getJson(o.get("prometheus") + "/api/v1/alerts").path("data").path("alerts")) {
        if ("firing".equals(a.path("state").asText())) {
          firing.merge(a.path("labels").path("alertname").asText(), 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      out.println("    (Prometheus unreachable: " + e.getMessage() + ")");
    }
    out.println(
        "    firing in Prometheus:  "
            + (firing.isEmpty() ? "none" : firing.toString().replaceAll("[{}]", "")));
    summary.put("alerts_firing", String.join(",", firing.keySet()));
    List<Delivered> delivered =
        o.containsKey("webhook-file") ? deliveredAlerts(Path.of(o.get("webhook-file"))) : List.of();
    out.printf(
        Locale.ROOT,
        "    delivered to the webhook by Alertmanager: %d notification(s)%n",
        delivered.size());
    Map<String, Integer> byName = new TreeMap<>();
    for (Delivered d : delivered) {
      byName.merge(d.name, 1, Integer::sum);
      out.printf(
          Locale.ROOT,
          "      %-22s %-8s receiver %-13s %s%n",
          d.name,
          d.status,
          d.receiver,
          d.summary);
    }
    summary.put("alerts_delivered", String.valueOf(delivered.size()));
    byName.forEach((k, v) -> summary.put("alerts_delivered." + k, String.valueOf(v)));
  }

  private void where(boolean api, boolean prometheus) {
    out.println();
    out.println(
        "Where to look (while the demo runs; ./demo.sh --keep leaves everything up until Ctrl-C)");
    out.printf("    metrics      %s/metrics%n", processor);
    if (api) {
      out.printf("    API          %s/api/v1/budgets%n", processor);
      out.printf(
          "                 %s/api/v1/usage?group_by=user,model  (&format=csv)%n", processor);
      out.printf("                 %s/api/v1/sessions/top%n", processor);
    }
    if (o.containsKey("otlp")) {
      out.printf("    OTLP in      %s  (http/protobuf)%n", o.get("otlp"));
    }
    if (o.containsKey("ledger")) {
      out.printf("    ledger       %s  (SQLite; kept after exit)%n", o.get("ledger"));
      if (o.containsKey("config")) {
        out.printf(
            "                 java -jar %s report --config %s --group-by user,model%n",
            o.getOrDefault("processor-jar", "dist/tokenmeter-collector-processor.jar"),
            o.get("config"));
      }
    }
    if (prometheus) {
      out.printf(
          "    Prometheus   %s/alerts   %s/graph%n", o.get("prometheus"), o.get("prometheus"));
      if (o.containsKey("alertmanager")) {
        out.printf("    Alertmanager %s/#/alerts%n", o.get("alertmanager"));
      }
      out.printf(
          "    Grafana      import dashboards/grafana/*.json, data source: Prometheus at %s%n",
          o.get("prometheus"));
    }
    if (o.containsKey("work-dir")) {
      out.printf("    logs/config  %s%n", o.get("work-dir"));
    }
    if (o.containsKey("webhook-file")) {
      out.printf("    alerts file  %s%n", o.get("webhook-file"));
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  private record Row(String key, long requests, long tokens, BigDecimal cost) {
    Row(String key, JsonNode r) {
      this(
          key,
          r.path("requests").asLong(),
          r.path("total_tokens").asLong(),
          new BigDecimal(r.path("cost_usd").asText("0")));
    }
  }

  private void table(List<Row> rows, String what) {
    if (rows.isEmpty()) {
      out.println("    (none)");
      return;
    }
    out.printf(Locale.ROOT, "    %-44s %8s %12s %21s%n", what, "calls", "tokens", "cost USD");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "    %-44s %8s %12s %21s%s%n",
          r.key,
          r.requests == 0 ? "" : String.valueOf(r.requests),
          r.tokens == 0 ? "" : String.valueOf(r.tokens),
          usd(r.cost),
          r.requests > 0 && r.tokens == 0 && r.cost.signum() == 0
              ? "  (failed calls: no usage, no cost)"
              : "");
    }
  }

  private JsonNode usage(String groupBy) throws IOException {
    return DemoHttp.getJson(processor + "/api/v1/usage?group_by=" + groupBy).path("rows");
  }

  private String metrics() throws IOException {
    return DemoHttp.get(processor + "/metrics");
  }

  private static String usd(BigDecimal v) {
    return "$" + v.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  private static String money(String v) {
    try {
      return new BigDecimal(v).setScale(4, RoundingMode.HALF_UP).toPlainString();
    } catch (NumberFormatException e) {
      return v;
    }
  }

  private static double ratio(JsonNode b) {
    double limit = b.path("limit_usd").asDouble();
    return limit <= 0 ? 0 : b.path("spent_usd").asDouble() / limit;
  }

  private static long count(String v) {
    try {
      return v == null ? 0 : Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private record Delivered(String name, String status, String receiver, String summary) {}

  private static List<Delivered> deliveredAlerts(Path file) throws IOException {
    List<Delivered> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode a = DemoHttp.JSON.readTree(line);
      out.add(
          new Delivered(
              a.path("labels").path("alertname").asText("?"),
              a.path("status").asText("?"),
              a.path("receiver").asText("?"),
              a.path("annotations").path("summary").asText("")));
    }
    return out;
  }

  private void readDriverResult() throws IOException {
    if (!o.containsKey("driver-result")) {
      return;
    }
    for (String line :
        Files.readAllLines(Path.of(o.get("driver-result")), StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        summary.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
  }

  private void writeSummary() throws IOException {
    if (!o.containsKey("summary-file")) {
      return;
    }
    StringBuilder sb = new StringBuilder("# tokenmeter demo summary (key=value)\n");
    summary.forEach((k, v) -> sb.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
    Files.writeString(Path.of(o.get("summary-file")), sb.toString(), StandardCharsets.UTF_8);
  }
}
