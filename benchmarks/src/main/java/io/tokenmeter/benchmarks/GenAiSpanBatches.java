/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.benchmarks;

import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_AGENT_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static io.tokenmeter.contract.GenAiAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS;
import static io.tokenmeter.contract.OtelAttributes.ERROR_TYPE;
import static io.tokenmeter.contract.OtelAttributes.SERVER_ADDRESS;
import static io.tokenmeter.contract.OtelAttributes.SERVER_PORT;
import static io.tokenmeter.contract.OtelAttributes.SERVICE_NAME;
import static io.tokenmeter.contract.OtelAttributes.SESSION_ID;
import static io.tokenmeter.contract.OtelAttributes.USER_ID;
import static io.tokenmeter.contract.TokenmeterAttributes.COST_CACHE_READ_USD;
import static io.tokenmeter.contract.TokenmeterAttributes.COST_CACHE_WRITE_USD;
import static io.tokenmeter.contract.TokenmeterAttributes.COST_INPUT_USD;
import static io.tokenmeter.contract.TokenmeterAttributes.COST_OUTPUT_USD;
import static io.tokenmeter.contract.TokenmeterAttributes.COST_USD;
import static io.tokenmeter.contract.TokenmeterAttributes.PRICING_MODEL;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic OTLP trace export requests: each batch is what one service's agent sends, {@code spans}
 * spans, GenAI calls over 20 models of five providers with cache and reasoning tokens, users and
 * sessions drawn from the configured populations, half the spans already carrying the agent's cost;
 * optionally a share of plain HTTP/DB spans mixed in.
 */
final class GenAiSpanBatches {
  private static final String[][] MODELS = {
    {"openai", "gpt-4o-mini"},
    {"openai", "gpt-4o"},
    {"openai", "gpt-4.1"},
    {"openai", "gpt-4.1-mini"},
    {"openai", "o3"},
    {"openai", "o4-mini"},
    {"openai", "gpt-5"},
    {"openai", "gpt-5-mini"},
    {"openai", "text-embedding-3-small"},
    {"anthropic", "claude-sonnet-4-5-20250929"},
    {"anthropic", "claude-3-5-haiku-20241022"},
    {"anthropic", "claude-opus-4-1-20250805"},
    {"anthropic", "claude-haiku-4-5"},
    {"gcp.gemini", "gemini-2.5-pro"},
    {"gcp.gemini", "gemini-2.5-flash"},
    {"aws.bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0"},
    {"aws.bedrock", "amazon.nova-pro-v1:0"},
    {"aws.bedrock", "meta.llama3-1-70b-instruct-v1:0"},
    {"mistral_ai", "mistral-large-2411"},
    {"openai", "gpt-4o-mini-2024-07-18"},
  };
  private static final String[] SERVICES = {
    "checkout",
    "support-bot",
    "search",
    "recommendations",
    "summarizer",
    "docs-qa",
    "triage",
    "translator"
  };
  private static final String[] AGENTS = {"planner", "researcher", "writer", "reviewer", "router"};

  private final int users;
  private final long sessions;
  private final double nonGenAiShare;
  private final SplittableRandom random;
  private long userOffset;

  GenAiSpanBatches(int users, long sessions, double nonGenAiShare, long seed) {
    this.users = users;
    this.sessions = sessions;
    this.nonGenAiShare = nonGenAiShare;
    this.random = new SplittableRandom(seed);
  }

  /** Returns {@code count} encoded export requests of {@code spans} spans each. */
  List<byte[]> encoded(int count, int spans) {
    List<byte[]> batches = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batches.add(batch(spans).toByteArray());
    }
    return batches;
  }

  /**
   * Returns one request whose GenAI spans use users and sessions {@code firstId}, {@code
   * firstId+1}, ... in turn (the memory benchmark's stream of never-repeating ids).
   */
  ExportTraceServiceRequest sequentialBatch(int spans, long firstId) {
    userOffset = firstId;
    ExportTraceServiceRequest batch = batch(spans);
    userOffset = 0;
    return batch;
  }

  ExportTraceServiceRequest batch(int spans) {
    String service = SERVICES[random.nextInt(SERVICES.length)];
    ScopeSpans.Builder genAi =
        ScopeSpans.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder()
                    .setName("io.tokenmeter.openai-java")
                    .setVersion("0.1.0"));
    ScopeSpans.Builder other =
        ScopeSpans.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder()
                    .setName("io.opentelemetry.http-url-connection")
                    .setVersion("2.31.1-alpha"));
    long n = userOffset;
    for (int i = 0; i < spans; i++) {
      if (random.nextDouble() < nonGenAiShare) {
        other.addSpans(httpSpan());
      } else {
        long id = userOffset > 0 ? n++ : -1;
        genAi.addSpans(genAiSpan(id));
      }
    }
    ResourceSpans.Builder rs =
        ResourceSpans.newBuilder()
            .setResource(
                Resource.newBuilder()
                    .addAttributes(kv(SERVICE_NAME, service))
                    .addAttributes(kv("service.version", "1.4.2"))
                    .addAttributes(kv("deployment.environment.name", "production"))
                    .addAttributes(kv("host.name", service + "-7d9f8c-" + random.nextInt(4)))
                    .addAttributes(kv("telemetry.sdk.language", "java"))
                    .addAttributes(kv("telemetry.sdk.name", "opentelemetry"))
                    .addAttributes(kv("telemetry.sdk.version", "1.65.0"))
                    .addAttributes(
                        kv("telemetry.distro.name", "opentelemetry-java-instrumentation"))
                    .addAttributes(kv("process.runtime.name", "OpenJDK Runtime Environment")));
    if (genAi.getSpansCount() > 0) {
      rs.addScopeSpans(genAi);
    }
    if (other.getSpansCount() > 0) {
      rs.addScopeSpans(other);
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(rs).build();
  }

  private Span genAiSpan(long sequentialId) {
    String[] model = MODELS[random.nextInt(MODELS.length)];
    boolean embeddings = model[1].startsWith("text-embedding");
    String operation = embeddings ? "embeddings" : "chat";
    long input = 200 + random.nextInt(6000);
    long cacheRead = random.nextInt(4) == 0 ? input / 2 : 0;
    long output = embeddings ? 0 : 50 + random.nextInt(1500);
    long reasoning = model[1].startsWith("o") || model[1].startsWith("gpt-5") ? output / 3 : 0;
    long start = 1_764_000_000_000_000_000L + random.nextLong(1_000_000_000_000L);
    String user = "user-" + (sequentialId >= 0 ? sequentialId : random.nextInt(users));
    String session = "session-" + (sequentialId >= 0 ? sequentialId : random.nextLong(sessions));
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(randomBytes(16))
            .setSpanId(randomBytes(8))
            .setParentSpanId(randomBytes(8))
            .setName(operation + " " + model[1])
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + 300_000_000L + random.nextInt(2_000_000_000))
            .addAttributes(kv(GEN_AI_OPERATION_NAME, operation))
            .addAttributes(kv(GEN_AI_PROVIDER_NAME, model[0]))
            .addAttributes(kv(GEN_AI_REQUEST_MODEL, model[1]))
            .addAttributes(kv(GEN_AI_RESPONSE_MODEL, model[1]))
            .addAttributes(
                kv("gen_ai.response.id", "chatcmpl-" + Long.toHexString(random.nextLong())))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey(GEN_AI_RESPONSE_FINISH_REASONS)
                    .setValue(
                        AnyValue.newBuilder()
                            .setArrayValue(ArrayValue.newBuilder().addValues(str("stop")))))
            .addAttributes(kv(GEN_AI_USAGE_INPUT_TOKENS, input))
            .addAttributes(kv(GEN_AI_USAGE_OUTPUT_TOKENS, output))
            .addAttributes(kv(SERVER_ADDRESS, "api." + model[0] + ".example.com"))
            .addAttributes(kv(SERVER_PORT, 443L))
            .addAttributes(kv(USER_ID, user))
            .addAttributes(kv(SESSION_ID, session))
            .addAttributes(kv(GEN_AI_CONVERSATION_ID, session));
    if (cacheRead > 0) {
      span.addAttributes(kv(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, cacheRead));
    }
    if (reasoning > 0) {
      span.addAttributes(kv(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, reasoning));
    }
    if (random.nextInt(3) == 0) {
      span.addAttributes(kv(GEN_AI_AGENT_NAME, AGENTS[random.nextInt(AGENTS.length)]));
    }
    if (random.nextBoolean()) {
      // What our agent adds; the other half is priced by the processor.
      double in = input * 0.15e-6;
      double out = output * 0.6e-6;
      span.addAttributes(kv(COST_USD, in + out))
          .addAttributes(kv(COST_INPUT_USD, in))
          .addAttributes(kv(COST_OUTPUT_USD, out))
          .addAttributes(kv(COST_CACHE_READ_USD, 0.0))
          .addAttributes(kv(COST_CACHE_WRITE_USD, 0.0))
          .addAttributes(kv(PRICING_MODEL, model[0] + "/" + model[1]));
    }
    if (random.nextInt(50) == 0) {
      span.addAttributes(kv(ERROR_TYPE, "429"))
          .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }
    return span.build();
  }

  private Span httpSpan() {
    long start = 1_764_000_000_000_000_000L + random.nextLong(1_000_000_000_000L);
    return Span.newBuilder()
        .setTraceId(randomBytes(16))
        .setSpanId(randomBytes(8))
        .setParentSpanId(randomBytes(8))
        .setName("GET")
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(start + 5_000_000L + random.nextInt(50_000_000))
        .addAttributes(kv("http.request.method", "GET"))
        .addAttributes(
            kv("url.full", "https://inventory.internal/api/v2/items/" + random.nextInt(100_000)))
        .addAttributes(kv(SERVER_ADDRESS, "inventory.internal"))
        .addAttributes(kv(SERVER_PORT, 443L))
        .addAttributes(kv("http.response.status_code", 200L))
        .addAttributes(kv("network.protocol.version", "1.1"))
        .addAttributes(kv("thread.name", "http-nio-8080-exec-" + random.nextInt(200)))
        .build();
  }

  private ByteString randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return ByteString.copyFrom(b);
  }

  private static AnyValue str(String v) {
    return AnyValue.newBuilder().setStringValue(v).build();
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(str(value)).build();
  }

  private static KeyValue kv(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  private static KeyValue kv(String key, double value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setDoubleValue(value))
        .build();
  }
}
