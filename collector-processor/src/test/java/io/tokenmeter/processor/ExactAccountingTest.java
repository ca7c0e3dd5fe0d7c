/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.tokenmeter.pricing.Cost;
import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.TokenUsage;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 8 concurrent senders, 200,000 GenAI spans: every token and every 1e-9 USD is accounted for. */
class ExactAccountingTest {
  private static final int SENDERS = 8;
  private static final int SPANS = 200_000;
  private static final int BATCH = 500;
  private static final int DISTINCT_USERS = 5_000;
  private static final BigDecimal TOLERANCE = new BigDecimal("1e-9");
  private static final String[][] MODELS = {
    {"openai", "gpt-4o-mini-2024-07-18"},
    {"openai", "o3"},
    {"anthropic", "claude-sonnet-4-5-20250929"},
    {"aws.bedrock", "us.amazon.nova-micro-v1:0"},
  };
  private static final String[] TYPES = {
    "input", "cache_read", "cache_write", "output", "reasoning"
  };

  private final Map<String, BigDecimal> expectedCost = new ConcurrentHashMap<>();
  private final Map<String, Long> expectedTokens = new ConcurrentHashMap<>();

  @Test
  @Timeout(60)
  void totalsAreExactWhenUsersFitTheBound() throws Exception {
    Scrape s = exactTotalsWithAtMostUsers(10000);
    assertThat(s.value("tokenmeter_cardinality_overflow_total", "family", "user")).isNull();
    assertThat(s.samples("tokenmeter_user_requests_total")).hasSize(DISTINCT_USERS);
  }

  @Test
  @Timeout(60)
  void totalsStayExactWhenTheGuardFoldsUsers() throws Exception {
    Scrape s = exactTotalsWithAtMostUsers(2000);
    assertThat(s.value("tokenmeter_cardinality_overflow_total", "family", "user")).isPositive();
    assertThat(
            s.samples("tokenmeter_user_requests_total").stream()
                .map(x -> x.labels().get("user"))
                .distinct())
        .hasSize(2001)
        .contains("__other__");
  }

  /**
   * Sends every call to a processor with this user bound, checks the totals, returns the scrape.
   */
  private Scrape exactTotalsWithAtMostUsers(int maxUsers) throws Exception {
    try (TestProcessor p =
        TestProcessor.start("cardinality.max_users", Integer.toString(maxUsers))) {
      sendAll(p);
      Scrape s = p.scrape();
      assertTotals(s);
      return s;
    }
  }

  private void assertTotals(Scrape s) {
    BigDecimal allCost = BigDecimal.ZERO;
    long allTokens = 0;
    for (String[] m : MODELS) {
      for (String type : TYPES) {
        String key = m[1] + "/" + type;
        BigDecimal tokens =
            s.value(
                "tokenmeter_tokens_total",
                "service",
                "loadgen",
                "provider",
                m[0],
                "model",
                m[1],
                "token_type",
                type);
        long want = expectedTokens.getOrDefault(key, 0L);
        assertThat(tokens == null ? 0L : tokens.longValueExact()).as(key).isEqualTo(want);
        BigDecimal cost =
            s.value(
                "tokenmeter_cost_usd_total",
                "service",
                "loadgen",
                "provider",
                m[0],
                "model",
                m[1],
                "token_type",
                type);
        BigDecimal wantCost = expectedCost.getOrDefault(key, BigDecimal.ZERO);
        assertThat(cost == null ? BigDecimal.ZERO : cost)
            .as(key)
            .isCloseTo(wantCost, org.assertj.core.data.Offset.offset(TOLERANCE));
        allCost = allCost.add(wantCost);
        allTokens += want;
      }
    }
    assertThat(allCost).isGreaterThan(BigDecimal.valueOf(100));
    assertThat(s.sum("tokenmeter_requests_total").longValueExact()).isEqualTo(SPANS);
    assertThat(s.sum("tokenmeter_spans_received_total").longValueExact()).isEqualTo(SPANS);
    assertThat(s.sum("tokenmeter_user_requests_total").longValueExact()).isEqualTo(SPANS);
    assertThat(s.sum("tokenmeter_user_tokens_total").longValueExact()).isEqualTo(allTokens);
    assertThat(s.sum("tokenmeter_user_cost_usd_total"))
        .isCloseTo(allCost, org.assertj.core.data.Offset.offset(TOLERANCE));
    assertThat(s.samples("tokenmeter_unpriced_requests_total")).isEmpty();
  }

  private void sendAll(TestProcessor p) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      int perSender = SPANS / SENDERS;
      for (int t = 0; t < SENDERS; t++) {
        int first = t * perSender;
        done.add(
            pool.submit(
                () -> {
                  for (int b = first; b < first + perSender; b += BATCH) {
                    HttpResponse<byte[]> r = p.postProtobuf(batch(b));
                    assertThat(r.statusCode()).isEqualTo(200);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private ExportTraceServiceRequest batch(int first) {
    List<Span> spans = new ArrayList<>(BATCH);
    for (int k = first; k < first + BATCH; k++) {
      spans.add(span(k));
    }
    return Otlp.request("loadgen", spans);
  }

  private Span span(int k) {
    String[] m = MODELS[k % MODELS.length];
    long input = 100 + k % 997;
    long output = 20 + k % 211;
    long cacheRead = k % 3 == 0 ? 40 : 0;
    long cacheWrite = m[0].equals("anthropic") && k % 5 == 0 ? 30 : 0;
    long reasoning = m[1].equals("o3") ? output / 2 : 0;
    expect(m, TokenUsage.of(input, output, cacheRead, cacheWrite, reasoning));
    return Otlp.chat(
        m[0],
        m[1],
        input,
        output,
        "gen_ai.usage.cache_read.input_tokens",
        cacheRead,
        "gen_ai.usage.cache_creation.input_tokens",
        cacheWrite,
        "gen_ai.usage.reasoning.output_tokens",
        reasoning,
        "user.id",
        "user-" + (k % DISTINCT_USERS),
        "session.id",
        "session-" + (k % 20_000));
  }

  private void expect(String[] m, TokenUsage u) {
    Cost c = CostCalculator.cost(TestProcessor.CATALOG.find(m[0], m[1]), u);
    add(m[1], "input", u.uncachedInputTokens(), c.input());
    add(m[1], "cache_read", u.cacheReadTokens(), c.cacheRead());
    add(m[1], "cache_write", u.cacheCreationTokens(), c.cacheWrite());
    add(m[1], "output", u.nonReasoningOutputTokens(), c.output().subtract(c.reasoning()));
    add(m[1], "reasoning", u.reasoningTokens(), c.reasoning());
  }

  private void add(String model, String type, long tokens, BigDecimal cost) {
    expectedTokens.merge(model + "/" + type, tokens, Long::sum);
    expectedCost.merge(model + "/" + type, cost, BigDecimal::add);
  }
}
