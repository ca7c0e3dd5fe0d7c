/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

/** Tokenmeter's own span attributes; docs/contract.md, "Spans". */
public final class TokenmeterAttributes {
  /** The prefix of the cost attributes below. */
  public static final String COST_PREFIX = "tokenmeter.cost.";

  /** The total cost of the call in USD, a double. */
  public static final String COST_USD = COST_PREFIX + "usd";

  public static final String COST_INPUT_USD = COST_PREFIX + "input_usd";
  public static final String COST_OUTPUT_USD = COST_PREFIX + "output_usd";
  public static final String COST_CACHE_READ_USD = COST_PREFIX + "cache_read_usd";
  public static final String COST_CACHE_WRITE_USD = COST_PREFIX + "cache_write_usd";

  /** The catalog row that priced the call; absent when the model is unknown. */
  public static final String PRICING_MODEL = "tokenmeter.pricing.model";

  /** True when a call finished without the provider reporting usage (never recorded as zero). */
  public static final String USAGE_MISSING = "tokenmeter.usage.missing";

  /** A user id taken from the SDK request, for spans the agent does not create itself. */
  public static final String REQUEST_USER = "tokenmeter.request.user";

  /** The prefix of the configured dimensions the agent copies from Baggage. */
  public static final String DIMENSION_PREFIX = "tokenmeter.dim.";

  private TokenmeterAttributes() {}
}
