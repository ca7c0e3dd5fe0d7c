/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tokenmeter.agent.genai.LlmCall;
import io.tokenmeter.agent.genai.LlmInstrumenter;
import io.tokenmeter.agent.genai.LlmSpan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The billing rule of the Spring AI layer, on stand-ins with the accessor names of Spring AI's
 * observation context, prompt and response (the real ones run in SpringAiExtensionIT).
 */
class SpringAiChatTest {
  private static final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private static LlmInstrumenter sdk;

  @BeforeAll
  static void installOpenTelemetry() {
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build());
    sdk = LlmInstrumenter.create("test.sdk");
  }

  @BeforeEach
  void clear() {
    exporter.reset();
  }

  @Test
  void recordsOneSpanWhenNoSdkSpanRanInside() {
    ObservationContext context = new ObservationContext("anthropic");
    SpringAiChat.started(context);
    SpringAiChat.responded(context, new Response(new Usage(200, 200, 1000L, 300L, null)));

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    SpanData span = spans.get(0);
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("io.tokenmeter.spring-ai");
    assertThat(span.getName()).isEqualTo("chat claude-sonnet-4-5");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")))
        .isEqualTo("anthropic");
    // Anthropic counts uncached input only; the semconv total adds the cache counts.
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(1500L);
    assertThat(
            span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens")))
        .isEqualTo(1000L);
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
        .isEqualTo(200L);
  }

  @Test
  void recordsNothingWhenAnSdkSpanRanInside() {
    ObservationContext context = new ObservationContext("openai");
    SpringAiChat.started(context);
    LlmSpan inner = sdk.start(new LlmCall("chat", "openai").requestModel("gpt-4o-mini"));
    inner.closeScope();
    inner.end(null);
    SpringAiChat.responded(context, new Response(new Usage(1200, 300, null, null, null)));

    assertThat(exporter.getFinishedSpanItems())
        .extracting(s -> s.getInstrumentationScopeInfo().getName())
        .containsExactly("io.tokenmeter.test.sdk");
  }

  @Test
  void anSdkSpanAfterTheCallEndedDoesNotCount() {
    ObservationContext first = new ObservationContext("openai");
    SpringAiChat.started(first);
    SpringAiChat.responded(first, new Response(new Usage(10, 5, null, null, null)));
    LlmSpan later = sdk.start(new LlmCall("chat", "openai").requestModel("gpt-4o-mini"));
    later.closeScope();
    later.end(null);

    assertThat(exporter.getFinishedSpanItems()).hasSize(2);
  }

  @Test
  void aFailedCallIsOneSpanWithItsErrorType() {
    Object before = SpringAiChat.pending();
    ObservationContext context = new ObservationContext("openai");
    SpringAiChat.started(context);
    SpringAiChat.failed(before, new IllegalStateException("connection reset"));
    SpringAiChat.failed(before, new IllegalStateException("reported twice"));

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void aFailureBeforeAnyCallStartedRecordsNothing() {
    ObservationContext done = new ObservationContext("openai");
    SpringAiChat.started(done);
    SpringAiChat.responded(done, new Response(new Usage(10, 5, null, null, null)));
    exporter.reset();

    Object before = SpringAiChat.pending();
    SpringAiChat.failed(before, new IllegalArgumentException("bad prompt"));

    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  /**
   * Stand-in for ChatModelObservationContext: Micrometer's put/get map and Spring AI's accessors.
   */
  public static final class ObservationContext {
    private final Map<Object, Object> map = new HashMap<>();
    private final Metadata metadata;

    ObservationContext(String provider) {
      this.metadata = new Metadata(provider);
    }

    public ObservationContext put(Object key, Object value) {
      map.put(key, value);
      return this;
    }

    public Object get(Object key) {
      return map.get(key);
    }

    public Prompt getRequest() {
      return new Prompt();
    }

    public Metadata getOperationMetadata() {
      return metadata;
    }
  }

  public static final class Metadata {
    private final String provider;

    Metadata(String provider) {
      this.provider = provider;
    }

    public String provider() {
      return provider;
    }

    public Integer getMaxTokens() {
      return 256;
    }

    public String getModel() {
      return provider.equals("anthropic") ? "claude-sonnet-4-5" : "gpt-4o-mini";
    }
  }

  public static final class Prompt {
    public Object getOptions() {
      return new Metadata("anthropic");
    }
  }

  public static final class Response {
    private final ResponseMetadata metadata;

    Response(Usage usage) {
      this.metadata = new ResponseMetadata(usage);
    }

    public ResponseMetadata getMetadata() {
      return metadata;
    }
  }

  public static final class ResponseMetadata {
    private final Usage usage;

    ResponseMetadata(Usage usage) {
      this.usage = usage;
    }

    public String getId() {
      return "id-1";
    }

    public String getModel() {
      return "model-1";
    }

    public Usage getUsage() {
      return usage;
    }
  }

  /** Spring AI 2.x {@code Usage}. */
  public static final class Usage {
    private final Integer prompt;
    private final Integer completion;
    private final Long cacheRead;
    private final Long cacheWrite;
    private final Object nativeUsage;

    Usage(Integer prompt, Integer completion, Long cacheRead, Long cacheWrite, Object nativeUsage) {
      this.prompt = prompt;
      this.completion = completion;
      this.cacheRead = cacheRead;
      this.cacheWrite = cacheWrite;
      this.nativeUsage = nativeUsage;
    }

    public Integer getPromptTokens() {
      return prompt;
    }

    public Integer getCompletionTokens() {
      return completion;
    }

    public Long getCacheReadInputTokens() {
      return cacheRead;
    }

    public Long getCacheWriteInputTokens() {
      return cacheWrite;
    }

    public Object getNativeUsage() {
      return nativeUsage;
    }
  }
}
