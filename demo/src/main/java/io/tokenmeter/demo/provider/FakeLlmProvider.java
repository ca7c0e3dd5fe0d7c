/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI- and Anthropic-compatible HTTP server on the loopback interface that answers with
 * realistic, deterministic responses and usage, streaming included, for tests and the demo.
 */
public final class FakeLlmProvider implements AutoCloseable {
  /** Request header overriding the usage: {@code input=1200,cached=200,output=300}. */
  public static final String USAGE_HEADER = "x-fake-usage";

  /** Request header asking for an error response with this HTTP status (400 to 599). */
  public static final String ERROR_HEADER = "x-fake-error";

  /** Request header asking for a pause of this many milliseconds before the response. */
  public static final String LATENCY_HEADER = "x-fake-latency-ms";

  /** Request header asking a stream to drop its connection after this many events. */
  public static final String CUT_AFTER_HEADER = "x-fake-cut-after";

  /** Request header asking for a pause of this many milliseconds between stream events. */
  public static final String CHUNK_DELAY_HEADER = "x-fake-chunk-delay-ms";

  private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
  private static final int BACKLOG = 256;
  private static final int MAX_RECORDED = 10_000;
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final HttpServer server;
  private final HandlerThreads threads;
  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private final Endpoint gemini = new GeminiEndpoint();
  private final Endpoint bedrock = new BedrockConverseEndpoint();
  private final UsagePlan usagePlan = new UsagePlan();
  private final FailurePlan failurePlan = new FailurePlan();
  private final Deque<RecordedRequest> requests = new ArrayDeque<>();

  private FakeLlmProvider(HttpServer server, HandlerThreads threads) {
    this.server = server;
    this.threads = threads;
    endpoints.put("/v1/chat/completions", new OpenAiChatEndpoint());
    endpoints.put("/v1/responses", new OpenAiResponsesEndpoint());
    endpoints.put("/v1/embeddings", new OpenAiEmbeddingsEndpoint());
    endpoints.put("/v1/messages", new AnthropicMessagesEndpoint());
  }

  /** Starts a provider on 127.0.0.1 and an ephemeral port. */
  public static FakeLlmProvider start() {
    return start(0);
  }

  /** Starts a provider on 127.0.0.1 and the given port (0 for an ephemeral one). */
  public static FakeLlmProvider start(int port) {
    HandlerThreads threads =
        new HandlerThreads("fake-llm-provider-" + SERVERS.incrementAndGet() + "-");
    try {
      InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
      InetSocketAddress address = new InetSocketAddress(loopback, port);
      // Without TCP_NODELAY the JDK server's small writes wait on delayed ACKs (~40 ms per call).
      if (System.getProperty("sun.net.httpserver.nodelay") == null) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
      }
      HttpServer server = HttpServer.create(address, BACKLOG);
      FakeLlmProvider provider = new FakeLlmProvider(server, threads);
      server.createContext("/", provider::handle);
      server.setExecutor(threads.executor());
      server.start();
      return provider;
    } catch (IOException e) {
      threads.stop();
      throw new UncheckedIOException("cannot bind the fake LLM provider to port " + port, e);
    }
  }

  /**
   * Returns {@code http://127.0.0.1:PORT}; OpenAI clients append {@code /v1}, Anthropic clients do
   * not.
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Reports {@code usage} for requests whose model starts with {@code modelPrefix}; the longest
   * prefix wins.
   */
  public void setUsage(String modelPrefix, FakeUsage usage) {
    usagePlan.set(modelPrefix, usage);
  }

  /**
   * Answers the next {@code count} requests with a provider-shaped error of the given HTTP status.
   */
  public void failNext(int count, int httpStatus) {
    failurePlan.failNext(count, httpStatus);
  }

  /** Returns a copy of the requests received so far (the latest 10,000), oldest first. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    threads.stop();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      dispatch(exchange);
    } catch (SseWriter.StreamCut | IOException e) {
      // The JDK server closes the connection when a handler throws: a started stream ends abruptly.
      throw e;
    } catch (RuntimeException e) {
      if (exchange.getResponseCode() != -1) {
        throw e;
      }
      ProviderDialect dialect = dialectFor(exchange.getRequestURI().getPath());
      dialect.sendError(exchange, 500, "The fake provider failed: " + e);
    }
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String body = readBody(exchange.getRequestBody());
    Headers headers = exchange.getRequestHeaders();
    record(method, path, headers, body);
    Endpoint endpoint = endpointFor(path.replaceFirst("/+$", ""));
    ProviderDialect dialect = endpoint == null ? dialectFor(path) : endpoint.dialect();
    long latency = headerLong(headers, LATENCY_HEADER, 0);
    if (latency > 0) {
      sleep(latency);
    }
    FakeCall call;
    try {
      call = accept(method, path, endpoint, body, headers);
    } catch (Rejected rejected) {
      String message = rejected.getMessage();
      int status = rejected.status;
      dialect.sendError(
          exchange, status, message != null ? message : dialect.injectedMessage(status));
      return;
    }
    endpoint.respond(call, exchange);
  }

  /** Fixed paths first, then the APIs that carry the model in the path. */
  private Endpoint endpointFor(String path) {
    Endpoint endpoint = endpoints.get(path);
    if (endpoint == null && GeminiEndpoint.matches(path)) {
      endpoint = gemini;
    }
    if (endpoint == null && BedrockConverseEndpoint.matches(path)) {
      endpoint = bedrock;
    }
    return endpoint;
  }

  /** Returns the call to answer, or throws the error to answer with, in the real APIs' order. */
  private FakeCall accept(
      String method, String path, Endpoint endpoint, String body, Headers headers) {
    if (body == null) {
      throw new Rejected(413, "Request body too large.");
    }
    if (endpoint == null) {
      throw new Rejected(404, "Unknown request URL: " + method + " " + path + ".");
    }
    if (!"POST".equals(method)) {
      throw new Rejected(405, "Method " + method + " not allowed.");
    }
    int injected = (int) headerLong(headers, ERROR_HEADER, 0);
    if (injected < 400 || injected > 599) {
      injected = failurePlan.take();
    }
    if (injected > 0) {
      throw new Rejected(injected, null);
    }
    JsonNode json = parseObject(body);
    String invalid = endpoint.invalidReason(json);
    if (invalid != null) {
      throw new Rejected(400, invalid);
    }
    String model = endpoint.model(json, path);
    FakeUsage usage;
    try {
      long chars = endpoint.inputChars(json);
      String header = headers.getFirst(USAGE_HEADER);
      usage = usagePlan.resolve(model, chars, endpoint.producesOutput(path), header);
    } catch (IllegalArgumentException e) {
      throw new Rejected(400, e.getMessage());
    }
    long chunkDelay = headerLong(headers, CHUNK_DELAY_HEADER, 0);
    int cutAfter = (int) headerLong(headers, CUT_AFTER_HEADER, -1);
    return new FakeCall(json, model, usage, chunkDelay, cutAfter);
  }

  private static JsonNode parseObject(String body) {
    try {
      JsonNode json = JsonReply.MAPPER.readTree(body);
      if (json != null && json.isObject()) {
        return json;
      }
    } catch (JsonProcessingException e) {
      // answered below like a body of the wrong type
    }
    throw new Rejected(400, "We could not parse the JSON body of your request.");
  }

  private void record(String method, String path, Headers headers, String body) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    synchronized (requests) {
      if (requests.size() == MAX_RECORDED) {
        requests.removeFirst();
      }
      requests.addLast(new RecordedRequest(method, path, copy, body == null ? "" : body));
    }
  }

  /** Returns the body, or null when it is larger than the limit. */
  private static String readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    return bytes.length > MAX_BODY_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static ProviderDialect dialectFor(String path) {
    if (GeminiEndpoint.matches(path)) {
      return ProviderDialect.GEMINI;
    }
    if (path.startsWith("/model/")) {
      return ProviderDialect.BEDROCK;
    }
    return path.startsWith("/v1/messages") || path.startsWith("/v1/complete")
        ? ProviderDialect.ANTHROPIC
        : ProviderDialect.OPENAI;
  }

  private static long headerLong(Headers headers, String name, long fallback) {
    String value = headers.getFirst(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * A request the provider answers with an error; a null message means the default for the status.
   */
  private static final class Rejected extends RuntimeException {
    final int status;

    Rejected(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pacing a fake response", e);
    }
  }
}
