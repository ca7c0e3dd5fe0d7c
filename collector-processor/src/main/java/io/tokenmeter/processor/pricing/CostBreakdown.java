package io.tokenmeter.processor.pricing;

import java.math.BigDecimal;

/**
 * Cost of one call in USD split by {@link TokenType}; the parts sum exactly to {@link #total()}.
 */
public record CostBreakdown(
    BigDecimal input,
    BigDecimal cacheRead,
    BigDecimal cacheWrite,
    BigDecimal output,
    BigDecimal reasoning) {

  public BigDecimal get(TokenType type) {
    return switch (type) {
      case INPUT -> input;
      case CACHE_READ -> cacheRead;
      case CACHE_WRITE -> cacheWrite;
      case OUTPUT -> output;
      case REASONING -> reasoning;
    };
  }

  public BigDecimal total() {
    return input.add(cacheRead).add(cacheWrite).add(output).add(reasoning);
  }

  /** Returns a breakdown that puts the whole amount on {@code output}. */
  static CostBreakdown allOutput(BigDecimal total) {
    return new CostBreakdown(
        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, total, BigDecimal.ZERO);
  }
}
