/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One row of the daily rollup; absent values are empty strings, never null. The hash is computed
 * once, since every call looks its key up in the accumulator.
 */
public final class UsageKey {
  /** What a folded user or session reads as, the same value the metrics fold into. */
  public static final String OTHER = "__other__";

  /** The order of the rollup table's primary key. */
  static final Comparator<UsageKey> TABLE_ORDER =
      Comparator.comparing(UsageKey::day)
          .thenComparing(UsageKey::service)
          .thenComparing(UsageKey::provider)
          .thenComparing(UsageKey::model)
          .thenComparing(UsageKey::user)
          .thenComparing(UsageKey::agent)
          .thenComparing(UsageKey::session);

  private final LocalDate day;
  private final String service;
  private final String provider;
  private final String model;
  private final String user;
  private final String agent;
  private final String session;
  private final int hash;

  private UsageKey(
      LocalDate day,
      String service,
      String provider,
      String model,
      String user,
      String agent,
      String session) {
    this.day = Objects.requireNonNull(day, "day");
    this.service = service;
    this.provider = provider;
    this.model = model;
    this.user = user;
    this.agent = agent;
    this.session = session;
    int h = day.hashCode();
    h = 31 * h + service.hashCode();
    h = 31 * h + provider.hashCode();
    h = 31 * h + model.hashCode();
    h = 31 * h + user.hashCode();
    h = 31 * h + agent.hashCode();
    this.hash = 31 * h + session.hashCode();
  }

  public static UsageKey of(
      LocalDate day,
      String service,
      String provider,
      String model,
      String user,
      String agent,
      String session) {
    return new UsageKey(
        day,
        orEmpty(service),
        orEmpty(provider),
        orEmpty(model),
        orEmpty(user),
        orEmpty(agent),
        orEmpty(session));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /**
   * Returns this key with its user and session folded into {@value #OTHER}; absent ones stay
   * absent, so calls without a user are not counted as someone's.
   */
  public UsageKey folded() {
    String u = user.isEmpty() ? user : OTHER;
    String s = session.isEmpty() ? session : OTHER;
    return u.equals(user) && s.equals(session)
        ? this
        : new UsageKey(day, service, provider, model, u, agent, s);
  }

  /**
   * Returns this key with its service, provider, model and agent replaced by {@code names}' copies,
   * so pending keys share one instance of each instead of holding every span's own.
   */
  public UsageKey withSharedNames(UnaryOperator<String> names) {
    String sv = names.apply(service);
    String p = names.apply(provider);
    String m = names.apply(model);
    String a = names.apply(agent);
    return sv == service && p == provider && m == model && a == agent
        ? this
        : new UsageKey(day, sv, p, m, user, a, session);
  }

  public LocalDate day() {
    return day;
  }

  public String service() {
    return service;
  }

  public String provider() {
    return provider;
  }

  public String model() {
    return model;
  }

  public String user() {
    return user;
  }

  public String agent() {
    return agent;
  }

  public String session() {
    return session;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof UsageKey k
            && hash == k.hash
            && day.equals(k.day)
            && service.equals(k.service)
            && provider.equals(k.provider)
            && model.equals(k.model)
            && user.equals(k.user)
            && agent.equals(k.agent)
            && session.equals(k.session);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "UsageKey["
        + day
        + ", service="
        + service
        + ", provider="
        + provider
        + ", model="
        + model
        + ", user="
        + user
        + ", agent="
        + agent
        + ", session="
        + session
        + "]";
  }
}
