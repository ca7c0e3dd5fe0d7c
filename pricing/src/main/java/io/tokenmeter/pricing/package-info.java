/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Prices LLM calls: a catalog of per-model list prices, model-name matching and exact cost
 * arithmetic.
 *
 * <p>{@link io.tokenmeter.pricing.PriceCatalog} holds the prices (the bundled {@code prices.csv},
 * optionally overridden by an operator's file), {@link io.tokenmeter.pricing.PriceCatalog#find}
 * resolves a provider and model name to one catalog row, and {@link
 * io.tokenmeter.pricing.CostCalculator} turns a {@link io.tokenmeter.pricing.TokenUsage} into a
 * {@link io.tokenmeter.pricing.Cost}.
 */
package io.tokenmeter.pricing;
