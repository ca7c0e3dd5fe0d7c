package io.tokenmeter.processor.ledger;

import java.time.LocalDate;

/** One row of the daily rollup; absent values are empty strings, never null. */
public record UsageKey(
    LocalDate day,
    String service,
    String provider,
    String model,
    String user,
    String agent,
    String session) {

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
}
