/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.app;

import static io.tokenmeter.contract.OtelAttributes.SESSION_ID;
import static io.tokenmeter.contract.OtelAttributes.USER_ID;
import static io.tokenmeter.contract.PrometheusFamilies.COST_USD_TOTAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the users of the demo: sends a fixed, seeded plan of requests to the {@link DemoApp} the
 * way a gateway would (W3C {@code baggage: user.id=…,session.id=…}), or with the service's own user
 * header that the app puts in the SDK request. Prints progress (requests sent, LLM calls, spend so
 * far from the processor, budget state changes) and writes {@code key=value} results to a file.
 *
 * <p>Usage: {@code DemoDriver --app URL [--processor URL] [--result-file F] [--speed 1.0]}.
 */
public final class DemoDriver {
  /** One request of the plan: when, who (baggage and/or the app's own user header), what. */
  record Planned(long atMillis, String who, String baggage, String appUser, String path) {}

  /** The W3C baggage a gateway in front of the service sets: the user and/or the session. */
  static String baggage(String user, String session) {
    if (user == null) {
      return SESSION_ID + "=" + session;
    }
    return session == null
        ? USER_ID + "=" + user
        : USER_ID + "=" + user + "," + SESSION_ID + "=" + session;
  }

  private final String app;
  private final String processor;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final Map<String, String> budgetStates = new HashMap<>();

  DemoDriver(String app, String processor, PrintStream out) {
    this.app = app;
    this.processor = processor;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = DemoArgs.parse(args, "app", "processor", "result-file", "speed");
    String usage = "DemoDriver --app URL [--processor URL] [--result-file F] [--speed X]";
    double speed = Double.parseDouble(o.getOrDefault("speed", "1.0"));
    DemoDriver d =
        new DemoDriver(DemoArgs.require(o, "app", usage), o.get("processor"), System.out);
    List<Planned> plan = plan(speed);
    Map<String, String> result = d.run(plan);
    if (o.containsKey("result-file")) {
      StringBuilder sb = new StringBuilder();
      result.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
      Files.writeString(Path.of(o.get("result-file")), sb.toString(), StandardCharsets.UTF_8);
    }
    System.exit(0);
  }

  /**
   * The demo's traffic, about 65 LLM calls in ~25 s, for six users:
   *
   * <ul>
   *   <li>alice (gateway baggage, two sessions): gpt-4o-mini chats, streamed gpt-4o-mini, gpt-4o,
   *       two rate-limited calls (429);
   *   <li>bob (gateway baggage, one coding session): gpt-4.1 over the Responses API with cached
   *       context, o4-mini with reasoning tokens; lands in the warning band of his daily budget;
   *   <li>carol (gateway baggage): the runaway research-agent session on claude-sonnet-4-5 (12
   *       steps, context growing each step, exceeds her daily budget), plus streamed
   *       claude-haiku-4-5 with prompt caching in another session;
   *   <li>dave (no gateway: the app names him in OpenAI's {@code user} field): gpt-4o-mini and
   *       gpt-4o, one 429;
   *   <li>erin (the app names her in Anthropic's {@code metadata.user_id}; the gateway only sets
   *       her session): claude-sonnet-4-5 and claude-haiku-4-5, one 529 "overloaded";
   *   <li>frank (gateway baggage, user only): four questions to the LangChain4j trip planner on
   *       gpt-4.1-mini, two model calls each (tool call, answer), in one conversation.
   * </ul>
   */
  static List<Planned> plan(double speed) {
    Random rnd = new Random(20251124L);
    List<Planned> plan = new ArrayList<>();
    long span = 24_000;

    // carol's runaway agent starts early, so her budget is exceeded (and alerted) mid-demo.
    plan.add(
        new Planned(
            1_000,
            "carol",
            baggage("carol", "carol-research-7"),
            null,
            "/agent?steps=12&in=4000&grow=3000&out=600&latency=700"));

    List<String> alice = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      alice.add(
          chat("gpt-4o-mini", "chat", 900 + rnd.nextInt(900), 0, 150 + rnd.nextInt(200), 0, rnd));
    }
    for (int i = 0; i < 3; i++) {
      alice.add(chat("gpt-4o-mini", "chat-stream", 1200, 0, 300, 0, rnd) + "&chunk_delay=20");
    }
    for (int i = 0; i < 3; i++) {
      alice.add(chat("gpt-4o", "chat", 2500, 0, 500, 0, rnd));
    }
    alice.add(chat("gpt-4o-mini", "chat", 1000, 0, 200, 0, rnd) + "&fail=429");
    alice.add(chat("gpt-4o-mini", "chat", 1000, 0, 200, 0, rnd) + "&fail=429");
    shuffleInto(
        plan,
        alice,
        500,
        span,
        rnd,
        i -> baggage("alice", i < alice.size() / 2 ? "alice-chat-1" : "alice-chat-2"),
        null,
        "alice");

    List<String> bob = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      bob.add(chat("gpt-4.1", "responses", 14000, 6000, 1200, 0, rnd));
    }
    for (int i = 0; i < 4; i++) {
      bob.add(chat("o4-mini", "chat", 2000, 0, 2400, 1800, rnd));
    }
    shuffleInto(plan, bob, 800, span, rnd, i -> baggage("bob", "bob-code-1"), null, "bob");

    List<String> carol = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      carol.add(
          chat("claude-haiku-4-5", "messages-stream", 1500, 1000, 300, 0, rnd) + "&chunk_delay=25");
    }
    shuffleInto(
        plan, carol, 3_000, span, rnd, i -> baggage("carol", "carol-chat-2"), null, "carol");

    List<String> dave = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      dave.add(
          chat("gpt-4o-mini", "chat", 700 + rnd.nextInt(600), 0, 120 + rnd.nextInt(150), 0, rnd));
    }
    for (int i = 0; i < 2; i++) {
      dave.add(chat("gpt-4o", "chat", 1800, 0, 400, 0, rnd));
    }
    dave.add(chat("gpt-4o-mini", "chat", 800, 0, 150, 0, rnd) + "&fail=429");
    shuffleInto(plan, dave, 1_200, span, rnd, i -> null, "dave", "dave");

    List<String> erin = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      erin.add(chat("claude-sonnet-4-5", "messages", 3000, 0, 500, 0, rnd));
    }
    erin.add(chat("claude-haiku-4-5", "messages", 1200, 0, 250, 0, rnd));
    erin.add(chat("claude-sonnet-4-5", "messages", 3000, 0, 500, 0, rnd) + "&fail=529");
    shuffleInto(plan, erin, 1_500, span, rnd, i -> baggage(null, "erin-support-3"), "erin", "erin");

    // frank uses the LangChain4j trip planner (two model calls per question); the gateway names
    // him,
    // the planner's conversation (@MemoryId) is his session.
    String[] questions = {
      "Plan a day in Lisbon.",
      "What should I pack?",
      "Where to eat near Alfama?",
      "Is it beach weather?"
    };
    for (int i = 0; i < questions.length; i++) {
      plan.add(
          new Planned(
              2_000 + i * 5_000L + rnd.nextInt(1_000),
              "frank",
              baggage("frank", null),
              null,
              "/plan?conversation=frank-lisbon-trip&q="
                  + URLEncoder.encode(questions[i], StandardCharsets.UTF_8)));
    }

    List<Planned> scaled = new ArrayList<>();
    for (Planned p : plan) {
      scaled.add(
          new Planned((long) (p.atMillis() / speed), p.who(), p.baggage(), p.appUser(), p.path()));
    }
    scaled.sort(Comparator.comparingLong(Planned::atMillis));
    return scaled;
  }

  private static String chat(
      String model, String api, int in, int cached, int out, int reasoning, Random rnd) {
    StringBuilder q = new StringBuilder("/chat?model=").append(model).append("&api=").append(api);
    q.append("&in=").append(in).append("&out=").append(out);
    if (cached > 0) {
      q.append("&cached=").append(cached);
    }
    if (reasoning > 0) {
      q.append("&reasoning=").append(reasoning);
    }
    q.append("&latency=").append(150 + rnd.nextInt(450));
    return q.toString();
  }

  /** Baggage per request index. */
  @FunctionalInterface
  private interface BaggageFor {
    String of(int index);
  }

  private static void shuffleInto(
      List<Planned> plan,
      List<String> paths,
      long from,
      long span,
      Random rnd,
      BaggageFor baggage,
      String appUser,
      String who) {
    Collections.shuffle(paths, rnd);
    long step = (span - from) / paths.size();
    for (int i = 0; i < paths.size(); i++) {
      long at = from + i * step + rnd.nextInt((int) Math.max(1, step / 2));
      plan.add(new Planned(at, who, baggage.of(i), appUser, paths.get(i)));
    }
  }

  Map<String, String> run(List<Planned> plan) throws Exception {
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    ExecutorService senders = Executors.newFixedThreadPool(8);
    CountDownLatch finished = new CountDownLatch(plan.size());
    try {
      for (Planned p : plan) {
        scheduler.schedule(
            () ->
                senders.submit(
                    () -> {
                      try {
                        send(p);
                      } finally {
                        finished.countDown();
                      }
                    }),
            p.atMillis(),
            TimeUnit.MILLISECONDS);
      }
      out.printf(
          Locale.ROOT,
          "  sending %d requests (%d users) to the demo app over ~%ds...%n",
          plan.size(),
          plan.stream().map(Planned::who).distinct().count(),
          plan.get(plan.size() - 1).atMillis() / 1000 + 1);
      long nextTick = 3_000;
      while (true) {
        boolean allDone = finished.await(250, TimeUnit.MILLISECONDS);
        if (elapsedMillis() >= nextTick || allDone) {
          progress(plan.size());
          nextTick += 3_000;
        }
        if (allDone) {
          break;
        }
        if (elapsedMillis() > 150_000) {
          throw new IllegalStateException("requests did not finish within 150 s");
        }
      }
    } finally {
      scheduler.shutdownNow();
      senders.shutdownNow();
    }
    JsonNode stats = DemoHttp.getJson(app + "/stats");
    Map<String, String> result = new LinkedHashMap<>();
    result.put("requests", String.valueOf(plan.size()));
    result.put("failed_requests", String.valueOf(failed.get()));
    result.put("llm_calls", stats.path("calls").asText());
    result.put("provider_errors", stats.path("errors").asText());
    result.put("duration_seconds", String.valueOf(elapsedMillis() / 1000));
    out.printf(
        Locale.ROOT,
        "  done: %d requests, %s LLM calls (%s provider errors, as planned) in %d s%n",
        plan.size(),
        result.get("llm_calls"),
        result.get("provider_errors"),
        elapsedMillis() / 1000);
    return result;
  }

  private void send(Planned p) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(app + p.path()))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (p.baggage() != null) {
      r.header("baggage", p.baggage()); // what a gateway in front of the service would set
    }
    if (p.appUser() != null) {
      r.header("x-demo-user", p.appUser()); // the service's own notion of its user
    }
    try {
      HttpResponse<String> resp = DemoHttp.send(r, p.path());
      sent.incrementAndGet();
      if (resp.statusCode() == 502) {
        JsonNode body = DemoHttp.JSON.readTree(resp.body());
        out.printf(
            Locale.ROOT,
            "  [%3ds] %-5s %s -> provider error %d (the app answered 502; the span records"
                + " error.type)%n",
            elapsedMillis() / 1000,
            p.who(),
            model(p.path()),
            body.path("status").asInt());
      } else if (resp.statusCode() != 200) {
        failed.incrementAndGet();
        out.printf(
            Locale.ROOT,
            "  [%3ds] %s %s -> HTTP %d %s%n",
            elapsedMillis() / 1000,
            p.who(),
            p.path(),
            resp.statusCode(),
            resp.body());
      } else if (p.path().startsWith("/agent")) {
        JsonNode body = DemoHttp.JSON.readTree(resp.body());
        out.printf(
            Locale.ROOT,
            "  [%3ds] %-5s runaway agent session stopped at its hard cap after %d calls%n",
            elapsedMillis() / 1000,
            p.who(),
            body.path("steps").asInt());
      }
    } catch (IOException | RuntimeException e) {
      sent.incrementAndGet();
      failed.incrementAndGet();
      out.printf(
          Locale.ROOT, "  [%3ds] %s %s -> %s%n", elapsedMillis() / 1000, p.who(), p.path(), e);
    }
  }

  private static String model(String path) {
    Map<String, String> q = DemoApp.query(path.substring(path.indexOf('?') + 1));
    return q.getOrDefault("model", DemoApp.AGENT_MODEL);
  }

  private void progress(int planned) {
    String calls = "?";
    String errors = "?";
    try {
      JsonNode stats = DemoHttp.getJson(app + "/stats");
      calls = stats.path("calls").asText();
      errors = stats.path("errors").asText();
    } catch (IOException e) {
      // the app is busy or gone; the line says "?"
    }
    String spend = "n/a";
    if (processor != null) {
      try {
        spend =
            String.format(
                Locale.ROOT,
                "$%.4f",
                DemoHttp.sum(DemoHttp.get(processor + "/metrics"), COST_USD_TOTAL));
      } catch (IOException e) {
        spend = "n/a (" + e.getMessage() + ")";
      }
    }
    out.printf(
        Locale.ROOT,
        "  [%3ds] requests answered %d/%d · LLM calls %s (%s provider errors) · spend so far %s%n",
        elapsedMillis() / 1000,
        sent.get(),
        planned,
        calls,
        errors,
        spend);
    budgetChanges();
  }

  /** Prints each budget subject that moved to warning, critical or exceeded since the last look. */
  private void budgetChanges() {
    if (processor == null) {
      return;
    }
    JsonNode budgets;
    try {
      budgets = DemoHttp.getJson(processor + "/api/v1/budgets").path("budgets");
    } catch (IOException e) {
      return; // no budget API in this processor build: nothing to show
    }
    for (JsonNode b : budgets) {
      String key = b.path("name").asText() + "|" + b.path("subject").asText();
      String state = b.path("status").asText();
      String before = budgetStates.put(key, state);
      if (!state.equals(before) && !state.equals("ok")) {
        out.printf(
            Locale.ROOT,
            "  [%3ds] budget %s: %s %s is %s (%s of %s USD per %s)%n",
            elapsedMillis() / 1000,
            b.path("name").asText(),
            b.path("scope").asText(),
            b.path("subject").asText(),
            state.toUpperCase(Locale.ROOT),
            b.path("spent_usd").asText(),
            b.path("limit_usd").asText(),
            b.path("period").asText());
      }
    }
  }

  private long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
