/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

/** The label names of the processor's metric families; docs/contract.md, "Labels". */
public final class PrometheusLabels {
  /** {@code service.name} of the sender. */
  public static final String SERVICE = "service";

  public static final String PROVIDER = "provider";

  /** The response model, else the request model. */
  public static final String MODEL = "model";

  public static final String OPERATION = "operation";

  /** {@code input} (uncached), {@code cache_read}, {@code cache_write}, {@code output}, ... */
  public static final String TOKEN_TYPE = "token_type";

  /** {@code ok} or {@code error}. */
  public static final String OUTCOME = "outcome";

  public static final String USER = "user";
  public static final String SESSION = "session";
  public static final String AGENT = "agent";

  public static final String BUDGET = "budget";
  public static final String SCOPE = "scope";
  public static final String SUBJECT = "subject";
  public static final String PERIOD = "period";

  /** {@code http} or {@code grpc}. */
  public static final String TRANSPORT = "transport";

  public static final String RESULT = "result";
  public static final String SIGNAL = "signal";
  public static final String REASON = "reason";

  /** The family whose label values overflowed. */
  public static final String FAMILY = "family";

  private PrometheusLabels() {}
}
