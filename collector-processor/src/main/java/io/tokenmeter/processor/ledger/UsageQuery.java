/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A usage report: inclusive dates (in the budget time zone) and the keys to group by, in order. */
public record UsageQuery(LocalDate from, LocalDate to, List<String> groupBy) {
  /** Group key name to rollup column. */
  static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("day", "day");
    COLUMNS.put("service", "service");
    COLUMNS.put("provider", "provider");
    COLUMNS.put("model", "model");
    COLUMNS.put("user", "user_id");
    COLUMNS.put("agent", "agent");
    COLUMNS.put("session", "session_id");
  }

  public UsageQuery {
    groupBy = List.copyOf(groupBy);
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
  }

  /** Parses a comma-separated group_by list; throws naming the bad key. */
  public static List<String> parseGroupBy(String spec) {
    List<String> keys = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return keys;
    }
    for (String k : spec.split(",")) {
      String key = k.trim();
      if (!COLUMNS.containsKey(key)) {
        throw new IllegalArgumentException(
            "group_by must be a comma-separated list of "
                + String.join(", ", COLUMNS.keySet())
                + ", got '"
                + key
                + "'");
      }
      if (keys.contains(key)) {
        throw new IllegalArgumentException("group_by names '" + key + "' twice");
      }
      keys.add(key);
    }
    return keys;
  }
}
