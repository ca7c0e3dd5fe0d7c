/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.app;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Metadata;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo "assistant" service: a plain JDK {@link HttpServer} that answers its users by calling
 * the real OpenAI and Anthropic Java SDKs (against the fake provider in the demo). It has no
 * observability code at all: run it under {@code -javaagent} with the Tokenmeter extension and
 * every SDK call becomes a priced, attributed GenAI span.
 *
 * <p>Who the call is for reaches the agent the two ways real services have:
 *
 * <ul>
 *   <li>a gateway in front sets the W3C {@code baggage} header ({@code user.id=…,session.id=…});
 *       the agent's java-http-server instrumentation extracts it, the extension reads the Baggage;
 *   <li>the service names its user in the SDK request itself: header {@code x-demo-user} here
 *       becomes OpenAI's {@code user} field or Anthropic's {@code metadata.user_id}.
 * </ul>
 *
 * <p>Endpoints (all on {@code 127.0.0.1}):
 *
 * <ul>
 *   <li>{@code POST /chat?model=&api=&in=&cached=&out=&reasoning=&fail=&latency=}: one LLM call.
 *       {@code api} is {@code chat} (default for OpenAI models), {@code chat-stream}, {@code
 *       responses}, {@code messages} (default for {@code claude-*}) or {@code messages-stream}. The
 *       token counts and {@code fail} (an HTTP status) are passed to the fake provider as {@code
 *       x-fake-usage} / {@code x-fake-error} headers, so the demo's costs are realistic and
 *       reproducible.
 *   <li>{@code POST /agent?steps=&in=&grow=&out=}: a "research agent" that asks claude-sonnet-4-5
 *       whether it is done, with its whole transcript each time; the model never says so, and the
 *       loop only ends at its hard cap of {@code steps} calls, its context (and cost) growing every
 *       step: the runaway session.
 *   <li>{@code POST /plan?conversation=&q=}: a LangChain4j AI Service with a tool and chat memory
 *       (see {@link TripPlanner}); two model calls per question.
 *   <li>{@code GET /stats}: LLM calls made and provider errors seen, as JSON.
 *   <li>{@code GET /stop}: exits (the agent's shutdown hook exports what is pending).
 * </ul>
 *
 * <p>Usage: {@code DemoApp --provider http://127.0.0.1:PORT [--port N]}; prints {@code demo-app
 * listening on http://127.0.0.1:PORT}.
 */
public final class DemoApp implements AutoCloseable {
  static final String AGENT_MODEL = "claude-sonnet-4-5";

  private final OpenAIClient openai;
  private final AnthropicClient anthropic;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final Map<String, AtomicInteger> callsByModel = new ConcurrentHashMap<>();
  private final TripPlanner tripPlanner;

  DemoApp(String providerBaseUrl) {
    this.openai =
        OpenAIOkHttpClient.builder()
            .baseUrl(providerBaseUrl + "/v1")
            .apiKey("demo-key-not-a-secret")
            .maxRetries(0)
            .build();
    this.anthropic =
        AnthropicOkHttpClient.builder()
            .baseUrl(providerBaseUrl)
            .apiKey("demo-key-not-a-secret")
            .maxRetries(0)
            .build();
    this.tripPlanner =
        new TripPlanner(
            providerBaseUrl,
            () -> {
              calls.incrementAndGet();
              callsByModel
                  .computeIfAbsent(TripPlanner.MODEL, m -> new AtomicInteger())
                  .incrementAndGet();
            },
            errors::incrementAndGet);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = DemoArgs.parse(args, "provider", "port");
    String provider = DemoArgs.require(opts, "provider", "DemoApp --provider URL [--port N]");
    int port = Integer.parseInt(opts.getOrDefault("port", "0"));
    CountDownLatch stop = new CountDownLatch(1);
    ExecutorService workers = Executors.newFixedThreadPool(8);
    try (DemoApp app = new DemoApp(provider)) {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      server.setExecutor(workers);
      server.createContext("/chat", ex -> app.handle(ex, app::chat));
      server.createContext("/agent", ex -> app.handle(ex, app::agent));
      server.createContext("/plan", ex -> app.handle(ex, app::plan));
      server.createContext("/stats", ex -> respond(ex, 200, app.stats()));
      server.createContext(
          "/stop",
          ex -> {
            respond(ex, 200, "{\"stopping\":true}");
            stop.countDown();
          });
      server.start();
      System.out.println("demo-app listening on http://127.0.0.1:" + server.getAddress().getPort());
      System.out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-app-stop"));
      stop.await();
      server.stop(0);
    } finally {
      workers.shutdownNow();
    }
  }

  /** One endpoint: query parameters and the request's own user in, JSON out. */
  @FunctionalInterface
  interface Endpoint {
    String handle(Map<String, String> params, String requestUser) throws Exception;
  }

  private void handle(HttpExchange ex, Endpoint endpoint) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      Map<String, String> params = query(ex.getRequestURI().getRawQuery());
      String user = ex.getRequestHeaders().getFirst("x-demo-user");
      try {
        respond(ex, 200, endpoint.handle(params, user));
      } catch (ProviderError e) {
        respond(
            ex,
            502,
            "{\"ok\":false,\"status\":" + e.status + ",\"error\":" + json(e.getMessage()) + "}");
      } catch (IllegalArgumentException e) {
        respond(ex, 400, "{\"ok\":false,\"error\":" + json(e.getMessage()) + "}");
      } catch (Exception e) {
        respond(ex, 500, "{\"ok\":false,\"error\":" + json(String.valueOf(e)) + "}");
      }
    }
  }

  /** A provider answered with an error status; the SDK threw, the user gets a 502. */
  static final class ProviderError extends Exception {
    final int status;

    ProviderError(int status, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
    }
  }

  String chat(Map<String, String> p, String requestUser) throws ProviderError {
    String model = p.get("model");
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model is required");
    }
    String api = p.getOrDefault("api", model.startsWith("claude") ? "messages" : "chat");
    Map<String, String> headers = fakeHeaders(p);
    String prompt = p.getOrDefault("prompt", "Summarise the customer's last three tickets.");
    String text =
        call(
            model,
            () ->
                switch (api) {
                  case "chat" -> chat(model, prompt, requestUser, headers, false);
                  case "chat-stream" -> chat(model, prompt, requestUser, headers, true);
                  case "responses" -> responses(model, prompt, headers);
                  case "messages" -> messages(model, prompt, requestUser, headers, false);
                  case "messages-stream" -> messages(model, prompt, requestUser, headers, true);
                  default -> throw new IllegalArgumentException("unknown api '" + api + "'");
                });
    return "{\"ok\":true,\"model\":"
        + json(model)
        + ",\"api\":"
        + json(api)
        + ",\"text\":"
        + json(text)
        + "}";
  }

  /**
   * The runaway: an agent loop without a real stop condition. Each step sends the whole transcript
   * so far (input grows by {@code grow} tokens a step) and asks whether the task is done.
   */
  String agent(Map<String, String> p, String requestUser) throws ProviderError {
    int steps = Integer.parseInt(p.getOrDefault("steps", "12"));
    long input = Long.parseLong(p.getOrDefault("in", "4000"));
    long grow = Long.parseLong(p.getOrDefault("grow", "3000"));
    long output = Long.parseLong(p.getOrDefault("out", "600"));
    String latency = p.getOrDefault("latency", "700");
    StringBuilder transcript = new StringBuilder("Research task: compare vendor contracts. ");
    int made = 0;
    for (int step = 0; step < steps; step++) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("x-fake-usage", "input=" + (input + grow * step) + ",output=" + output);
      headers.put("x-fake-latency-ms", latency);
      String prompt =
          transcript + "\nStep " + (step + 1) + ": are we done? Answer DONE or continue.";
      String answer =
          call(AGENT_MODEL, () -> messages(AGENT_MODEL, prompt, requestUser, headers, false));
      made++;
      transcript.append(" [step ").append(step + 1).append("] ").append(answer);
      // The bug that makes it a runaway: the fake model never answers DONE, and nothing else stops
      // it.
      if (answer.contains("DONE")) {
        break;
      }
    }
    return "{\"ok\":true,\"model\":" + json(AGENT_MODEL) + ",\"steps\":" + made + "}";
  }

  /** The LangChain4j trip planner: one question, two model calls (tool request, then answer). */
  String plan(Map<String, String> p, String requestUser) throws ProviderError {
    String conversation = p.getOrDefault("conversation", "trip-1");
    String question = p.getOrDefault("q", "Plan a day in Lisbon.");
    try {
      String answer = tripPlanner.plan(conversation, question);
      return "{\"ok\":true,\"model\":"
          + json(TripPlanner.MODEL)
          + ",\"conversation\":"
          + json(conversation)
          + ",\"text\":"
          + json(answer)
          + "}";
    } catch (RuntimeException e) {
      throw new ProviderError(0, "langchain4j: " + e, e);
    }
  }

  String stats() {
    StringBuilder byModel = new StringBuilder();
    callsByModel.forEach(
        (m, n) ->
            byModel
                .append(byModel.length() == 0 ? "" : ",")
                .append(json(m))
                .append(':')
                .append(n.get()));
    return "{\"calls\":"
        + calls.get()
        + ",\"errors\":"
        + errors.get()
        + ",\"by_model\":{"
        + byModel
        + "}}";
  }

  /** One SDK call. */
  @FunctionalInterface
  private interface Call {
    String run();
  }

  private String call(String model, Call call) throws ProviderError {
    calls.incrementAndGet();
    callsByModel.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
    try {
      return call.run();
    } catch (OpenAIServiceException e) {
      errors.incrementAndGet();
      throw new ProviderError(
          e.statusCode(), "openai: " + e.statusCode() + " " + e.getMessage(), e);
    } catch (AnthropicServiceException e) {
      errors.incrementAndGet();
      throw new ProviderError(
          e.statusCode(), "anthropic: " + e.statusCode() + " " + e.getMessage(), e);
    } catch (RuntimeException e) {
      errors.incrementAndGet();
      throw new ProviderError(0, String.valueOf(e), e);
    }
  }

  @SuppressWarnings("deprecation") // `user` is deprecated in favour of safety_identifier; both work
  private String chat(
      String model,
      String prompt,
      String requestUser,
      Map<String, String> headers,
      boolean stream) {
    ChatCompletionCreateParams.Builder b =
        ChatCompletionCreateParams.builder()
            .model(model)
            .addSystemMessage("You are the support assistant of a small online shop.")
            .addUserMessage(prompt);
    if (requestUser != null) {
      b.user(requestUser);
    }
    headers.forEach(b::putAdditionalHeader);
    if (!stream) {
      ChatCompletion c = openai.chat().completions().create(b.build());
      return c.choices().isEmpty() ? "" : c.choices().get(0).message().content().orElse("");
    }
    // Streaming as chat UIs do it; include_usage so the stream reports its tokens.
    b.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
    StringBuilder text = new StringBuilder();
    try (com.openai.core.http.StreamResponse<ChatCompletionChunk> s =
        openai.chat().completions().createStreaming(b.build())) {
      s.stream()
          .forEach(
              chunk -> chunk.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
    }
    return text.toString();
  }

  private String responses(String model, String prompt, Map<String, String> headers) {
    ResponseCreateParams.Builder b =
        ResponseCreateParams.builder()
            .model(model)
            .instructions("You are a senior engineer reviewing a pull request.")
            .input(prompt);
    headers.forEach(b::putAdditionalHeader);
    Response r = openai.responses().create(b.build());
    StringBuilder text = new StringBuilder();
    r.output()
        .forEach(
            item -> {
              if (item.isMessage()) {
                item.asMessage()
                    .content()
                    .forEach(
                        c -> {
                          if (c.isOutputText()) {
                            text.append(c.asOutputText().text());
                          }
                        });
              }
            });
    return text.toString();
  }

  private String messages(
      String model,
      String prompt,
      String requestUser,
      Map<String, String> headers,
      boolean stream) {
    MessageCreateParams.Builder b =
        MessageCreateParams.builder()
            .model(model)
            .maxTokens(1024)
            .system("You are a careful research assistant.")
            .addUserMessage(prompt);
    if (requestUser != null) {
      b.metadata(Metadata.builder().userId(requestUser).build());
    }
    headers.forEach(b::putAdditionalHeader);
    if (!stream) {
      Message m = anthropic.messages().create(b.build());
      StringBuilder text = new StringBuilder();
      for (ContentBlock block : m.content()) {
        if (block.isText()) {
          text.append(block.asText().text());
        }
      }
      return text.toString();
    }
    StringBuilder text = new StringBuilder();
    try (StreamResponse<RawMessageStreamEvent> s =
        anthropic.messages().createStreaming(b.build())) {
      s.stream()
          .forEach(
              e -> {
                if (e.isContentBlockDelta() && e.asContentBlockDelta().delta().isText()) {
                  text.append(e.asContentBlockDelta().delta().asText().text());
                }
              });
    }
    return text.toString();
  }

  /** The fake provider's per-request controls, from the query parameters. */
  static Map<String, String> fakeHeaders(Map<String, String> p) {
    Map<String, String> h = new LinkedHashMap<>();
    StringBuilder usage = new StringBuilder();
    for (String[] k :
        new String[][] {
          {"in", "input"},
          {"cached", "cached"},
          {"cache_creation", "cache_creation"},
          {"out", "output"},
          {"reasoning", "reasoning"}
        }) {
      String v = p.get(k[0]);
      if (v != null) {
        usage.append(usage.length() == 0 ? "" : ",").append(k[1]).append('=').append(v);
      }
    }
    if (usage.length() > 0) {
      h.put("x-fake-usage", usage.toString());
    }
    if (p.containsKey("fail")) {
      h.put("x-fake-error", p.get("fail"));
    }
    if (p.containsKey("latency")) {
      h.put("x-fake-latency-ms", p.get("latency"));
    }
    if (p.containsKey("chunk_delay")) {
      h.put("x-fake-chunk-delay-ms", p.get("chunk_delay"));
    }
    return h;
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  static String json(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    openai.close();
    anthropic.close();
  }
}
