/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One row of a price catalog: the list prices of one model of one provider, in USD per million
 * tokens.
 */
public final class ModelPrice {
  private final String provider;
  private final String model;
  private final String source;
  private final BigDecimal input;
  private final BigDecimal output;
  // The three below are null when the catalog left them blank; the accessors apply the fallbacks.
  private final BigDecimal cacheRead;
  private final BigDecimal cacheWrite;
  private final BigDecimal reasoning;
  private final long longContextThreshold;
  private final BigDecimal inputLong;
  private final BigDecimal outputLong;
  private final BigDecimal cacheReadLong;
  private final List<String> aliases;
  private final PicoRates picoRates;
  private final String key;

  ModelPrice(
      String provider,
      String model,
      String source,
      BigDecimal input,
      BigDecimal output,
      BigDecimal cacheRead,
      BigDecimal cacheWrite,
      BigDecimal reasoning,
      long longContextThreshold,
      BigDecimal inputLong,
      BigDecimal outputLong,
      BigDecimal cacheReadLong,
      List<String> aliases) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.model = Objects.requireNonNull(model, "model");
    this.source = Objects.requireNonNull(source, "source");
    this.input = Objects.requireNonNull(input, "input");
    this.output = Objects.requireNonNull(output, "output");
    this.cacheRead = cacheRead;
    this.cacheWrite = cacheWrite;
    this.reasoning = reasoning;
    this.longContextThreshold = longContextThreshold;
    this.inputLong = inputLong;
    this.outputLong = outputLong;
    this.cacheReadLong = cacheReadLong;
    this.aliases = Collections.unmodifiableList(new ArrayList<>(aliases));
    this.picoRates = PicoRates.of(this);
    this.key = provider + '/' + model;
  }

  /**
   * The standard prices in whole pico-dollars per token, or null when one of them is not a whole
   * number of pico-dollars (more than six decimals per million tokens).
   */
  PicoRates picoRates() {
    return picoRates;
  }

  static final class PicoRates {
    final long input;
    final long output;
    final long reasoning;
    final long cacheRead;
    final long cacheWrite;

    private PicoRates(long input, long output, long reasoning, long cacheRead, long cacheWrite) {
      this.input = input;
      this.output = output;
      this.reasoning = reasoning;
      this.cacheRead = cacheRead;
      this.cacheWrite = cacheWrite;
    }

    static PicoRates of(ModelPrice p) {
      try {
        return new PicoRates(
            perToken(p.input()),
            perToken(p.output()),
            perToken(p.reasoning()),
            perToken(p.cacheRead()),
            perToken(p.cacheWrite()));
      } catch (ArithmeticException notWholePicos) {
        return null;
      }
    }

    /** USD per million tokens is pico-dollars per token times 1e-6. */
    private static long perToken(BigDecimal usdPerMillion) {
      return usdPerMillion.movePointRight(6).longValueExact();
    }
  }

  /** Returns the provider the row belongs to, such as {@code openai} or {@code aws.bedrock}. */
  public String provider() {
    return provider;
  }

  /** Returns the model name of the row, lower case, such as {@code gpt-4o-mini}. */
  public String model() {
    return model;
  }

  /** Returns where the prices come from, usually the vendor's pricing page and the date read. */
  public String source() {
    return source;
  }

  /** Returns the price of uncached input tokens. */
  public BigDecimal input() {
    return input;
  }

  /** Returns the price of output tokens. */
  public BigDecimal output() {
    return output;
  }

  /**
   * Returns the price of input tokens read from the cache, which is the input price when not given.
   */
  public BigDecimal cacheRead() {
    return cacheRead != null ? cacheRead : input;
  }

  /**
   * Returns the price of input tokens written to the cache, which is the input price when not
   * given.
   */
  public BigDecimal cacheWrite() {
    return cacheWrite != null ? cacheWrite : input;
  }

  /** Returns the price of reasoning tokens, which is the output price when not given. */
  public BigDecimal reasoning() {
    return reasoning != null ? reasoning : output;
  }

  /** Returns the input token count above which the long-context prices apply, or 0 when none do. */
  public long longContextThreshold() {
    return longContextThreshold;
  }

  /** Returns the long-context input price, or null when the model has no long-context tier. */
  public BigDecimal inputLong() {
    return inputLong;
  }

  /** Returns the long-context output price, or null when the model has no long-context tier. */
  public BigDecimal outputLong() {
    return outputLong;
  }

  /**
   * Returns the long-context cache read price, which is the long-context input price when not
   * given, or null when the model has no long-context tier.
   */
  public BigDecimal cacheReadLong() {
    return cacheReadLong != null ? cacheReadLong : inputLong;
  }

  /**
   * Returns {@code provider/model}, the value of the span attribute {@code
   * tokenmeter.pricing.model}.
   */
  public String key() {
    return key;
  }

  /**
   * Returns the other ids the provider documents for this same model at these prices, such as
   * {@code mistral-large-2411} for {@code mistral-large}; empty for most rows.
   */
  public List<String> aliases() {
    return aliases;
  }

  boolean hasLongContextTier() {
    return longContextThreshold > 0;
  }

  BigDecimal declaredCacheWrite() {
    return cacheWrite;
  }

  BigDecimal declaredReasoning() {
    return reasoning;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ModelPrice)) {
      return false;
    }
    ModelPrice that = (ModelPrice) o;
    return provider.equals(that.provider)
        && model.equals(that.model)
        && source.equals(that.source)
        && input.equals(that.input)
        && output.equals(that.output)
        && Objects.equals(cacheRead, that.cacheRead)
        && Objects.equals(cacheWrite, that.cacheWrite)
        && Objects.equals(reasoning, that.reasoning)
        && longContextThreshold == that.longContextThreshold
        && Objects.equals(inputLong, that.inputLong)
        && Objects.equals(outputLong, that.outputLong)
        && Objects.equals(cacheReadLong, that.cacheReadLong)
        && aliases.equals(that.aliases);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        provider,
        model,
        source,
        input,
        output,
        cacheRead,
        cacheWrite,
        reasoning,
        longContextThreshold,
        inputLong,
        outputLong,
        cacheReadLong,
        aliases);
  }

  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder("ModelPrice{")
            .append(key())
            .append(", input=")
            .append(input.toPlainString())
            .append(", output=")
            .append(output.toPlainString())
            .append(", cacheRead=")
            .append(cacheRead().toPlainString())
            .append(", cacheWrite=")
            .append(cacheWrite().toPlainString())
            .append(", reasoning=")
            .append(reasoning().toPlainString());
    if (hasLongContextTier()) {
      s.append(", above ")
          .append(longContextThreshold)
          .append(": input=")
          .append(inputLong.toPlainString())
          .append(", output=")
          .append(outputLong.toPlainString())
          .append(", cacheRead=")
          .append(cacheReadLong().toPlainString());
    }
    if (!aliases.isEmpty()) {
      s.append(", aliases=").append(aliases);
    }
    return s.append(", source=").append(source).append('}').toString();
  }
}
