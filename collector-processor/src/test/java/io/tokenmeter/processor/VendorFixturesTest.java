/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.pricing.Cost;
import io.tokenmeter.pricing.CostCalculator;
import io.tokenmeter.pricing.TokenUsage;
import java.io.InputStream;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spans shaped like those of the OTel Java agent, the OTel Python and JS GenAI instrumentations,
 * OpenLIT, OpenLLMetry (Traceloop) and Langfuse, posted as OTLP/JSON: every attribute spelling
 * lands in the right series.
 */
class VendorFixturesTest {
  private static TestProcessor processor;
  private static Scrape scrape;

  @BeforeAll
  static void postAllFixtures() throws Exception {
    processor = TestProcessor.start();
    for (String f :
        new String[] {
          "otel-java-agent-openai-chat",
          "otel-python-openai-v2",
          "otel-js-genai-anthropic",
          "openlit-anthropic-with-cost",
          "openllmetry-traceloop",
          "langfuse-anthropic",
          "unknown-model"
        }) {
      assertThat(processor.post("/v1/traces", TestProcessor.JSON, fixture(f)).statusCode())
          .as(f)
          .isEqualTo(200);
    }
    scrape = processor.scrape();
  }

  @AfterAll
  static void stop() {
    processor.close();
  }

  static byte[] fixture(String name) throws Exception {
    try (InputStream in =
        VendorFixturesTest.class.getResourceAsStream("/fixtures/" + name + ".json")) {
      return in.readAllBytes();
    }
  }

  @Test
  void otelJavaAgentSpanKeepsItsOwnCostAndParts() {
    assertTokens("checkout", "openai", "gpt-4o-2024-08-06", 1000, 200, 0, 300, 0);
    assertCost("checkout", "openai", "gpt-4o-2024-08-06", "input", "0.0025");
    assertCost("checkout", "openai", "gpt-4o-2024-08-06", "cache_read", "0.00025");
    assertCost("checkout", "openai", "gpt-4o-2024-08-06", "output", "0.003");
    assertThat(
            scrape.value(
                "tokenmeter_requests_total",
                "service",
                "checkout",
                "provider",
                "openai",
                "model",
                "gpt-4o-2024-08-06",
                "operation",
                "chat",
                "outcome",
                "ok"))
        .isEqualByComparingTo("1");
  }

  @Test
  void httpSpansAreNotGenAiCalls() {
    assertThat(scrape.sum("tokenmeter_requests_total", l -> l.get("service").equals("checkout")))
        .isEqualByComparingTo("2");
    assertThat(
            scrape.value(
                "tokenmeter_spans_received_total", "transport", "http", "result", "accepted"))
        .isEqualByComparingTo("12");
  }

  @Test
  void spansWithoutCostArePricedCentrallyAndAttributedToTheirAgent() {
    BigDecimal want = catalogCost("openai", "gpt-4o-mini", TokenUsage.of(500, 50)).total();
    assertThat(
            scrape.sum(
                "tokenmeter_cost_usd_total",
                l -> l.get("model").equals("gpt-4o-mini") && l.get("service").equals("checkout")))
        .isEqualByComparingTo(want);
    assertThat(
            scrape.value(
                "tokenmeter_agent_cost_usd_total",
                "agent",
                "support-bot",
                "service",
                "checkout",
                "model",
                "gpt-4o-mini"))
        .isEqualByComparingTo(want);
    assertThat(
            scrape.value(
                "tokenmeter_time_to_first_token_seconds_count",
                "service",
                "checkout",
                "provider",
                "openai",
                "model",
                "gpt-4o-mini"))
        .isEqualByComparingTo("1");
    assertThat(
            scrape.value(
                "tokenmeter_request_duration_seconds_sum",
                "service",
                "checkout",
                "provider",
                "openai",
                "model",
                "gpt-4o-mini",
                "operation",
                "chat"))
        .isEqualByComparingTo("2.3");
  }

  @Test
  void otelPythonUsesGenAiSystemEnduserAndCountsErrors() {
    assertTokens("recommender", "openai", "gpt-4o-mini-2024-07-18", 800, 0, 0, 120, 0);
    assertThat(
            scrape.value(
                "tokenmeter_user_requests_total",
                "user",
                "bob",
                "service",
                "recommender",
                "model",
                "gpt-4o-mini-2024-07-18"))
        .isEqualByComparingTo("1");
    assertThat(
            scrape.value(
                "tokenmeter_requests_total",
                "service",
                "recommender",
                "provider",
                "openai",
                "model",
                "gpt-4o-mini",
                "operation",
                "chat",
                "outcome",
                "error"))
        .isEqualByComparingTo("1");
  }

  @Test
  void otelJsAnthropicInputIncludesCacheTokens() {
    assertTokens(
        "assistant-web", "anthropic", "claude-sonnet-4-5-20250929", 1000, 3000, 1000, 400, 0);
    Cost c =
        catalogCost(
            "anthropic", "claude-sonnet-4-5-20250929", TokenUsage.of(5000, 400, 3000, 1000, 0));
    assertCost(
        "assistant-web",
        "anthropic",
        "claude-sonnet-4-5-20250929",
        "cache_write",
        c.cacheWrite().toPlainString());
    assertThat(sessionCost("conv-9", "carol")).isEqualByComparingTo(c.total());
  }

  @Test
  void openLitCostIsSplitInTheCatalogsProportions() {
    assertCost("rag-service", "anthropic", "claude-3-5-haiku-20241022", "input", "0.0008");
    assertCost("rag-service", "anthropic", "claude-3-5-haiku-20241022", "output", "0.0008");
  }

  @Test
  void spanCostOfAnUnknownModelCountsAsOutputAndNotAsUnpriced() {
    assertCost("rag-service", "openai", "my-finetune", "output", "0.05");
    assertThat(
            scrape.value(
                "tokenmeter_unpriced_requests_total", "provider", "openai", "model", "my-finetune"))
        .isNull();
  }

  @Test
  void openLlmetryPromptCompletionReasoningAndAssociationProperties() {
    assertTokens("agent-runner", "openai", "o3-mini-2025-01-31", 976, 1024, 0, 300, 600);
    assertThat(
            scrape.value(
                "tokenmeter_requests_total",
                "service",
                "agent-runner",
                "provider",
                "openai",
                "model",
                "o3-mini-2025-01-31",
                "operation",
                "chat",
                "outcome",
                "ok"))
        .isEqualByComparingTo("1");
    Cost c = catalogCost("openai", "o3-mini-2025-01-31", TokenUsage.of(2000, 900, 1024, 0, 600));
    assertThat(sessionCost("t-42", "dave")).isEqualByComparingTo(c.total());
  }

  @Test
  void olderAnthropicUncachedPromptTokensGetTheCacheTokensAdded() {
    assertTokens("agent-runner", "anthropic", "claude-3-5-sonnet-20241022", 50, 0, 2000, 10, 0);
  }

  @Test
  void langfuseUserSessionAndCacheWriteSpelling() {
    assertTokens("support-agent", "anthropic", "claude-haiku-4-5", 500, 0, 2500, 100, 0);
    assertThat(
            scrape.value(
                "tokenmeter_user_requests_total",
                "user",
                "erin",
                "service",
                "support-agent",
                "model",
                "claude-haiku-4-5"))
        .isEqualByComparingTo("1");
    assertThat(scrape.value("tokenmeter_session_requests", "session", "lf-7", "user", "erin"))
        .isEqualByComparingTo("1");
  }

  @Test
  void unknownModelsAreCountedAsUnpricedWithTheirTokens() {
    assertThat(
            scrape.value(
                "tokenmeter_unpriced_requests_total", "provider", "acme", "model", "acme-llm-1"))
        .isEqualByComparingTo("1");
    assertTokens("lab", "acme", "acme-llm-1", 70, 0, 0, 7, 0);
    assertThat(scrape.sum("tokenmeter_cost_usd_total", l -> l.get("model").equals("acme-llm-1")))
        .isZero();
  }

  private static Cost catalogCost(String provider, String model, TokenUsage u) {
    return CostCalculator.cost(TestProcessor.CATALOG.find(provider, model), u);
  }

  private static BigDecimal sessionCost(String session, String user) {
    return scrape.value("tokenmeter_session_cost_usd", "session", session, "user", user);
  }

  private static void assertCost(
      String service, String provider, String model, String type, String want) {
    assertThat(byModelAndType("tokenmeter_cost_usd_total", service, provider, model, type))
        .as(model + " " + type)
        .isEqualByComparingTo(want);
  }

  private static void assertTokens(
      String service,
      String provider,
      String model,
      long input,
      long cacheRead,
      long cacheWrite,
      long output,
      long reasoning) {
    String[] types = {"input", "cache_read", "cache_write", "output", "reasoning"};
    long[] want = {input, cacheRead, cacheWrite, output, reasoning};
    for (int i = 0; i < types.length; i++) {
      BigDecimal v = byModelAndType("tokenmeter_tokens_total", service, provider, model, types[i]);
      assertThat(v == null ? 0 : v.longValueExact()).as(model + " " + types[i]).isEqualTo(want[i]);
    }
  }

  /** Returns the sample of a family labelled by service, provider, model and token_type. */
  private static BigDecimal byModelAndType(
      String family, String service, String provider, String model, String type) {
    return scrape.value(
        family, "service", service, "provider", provider, "model", model, "token_type", type);
  }
}
