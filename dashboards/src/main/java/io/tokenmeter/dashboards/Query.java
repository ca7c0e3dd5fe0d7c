/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

/**
 * One PromQL target of a panel: an expression, its legend (or table column name), whether it is an
 * instant query, and the unit of its column when it is shown in a table.
 */
record Query(String expr, String legend, boolean instant, String unit) {

  static Query range(String expr, String legend) {
    return new Query(expr, legend, false, null);
  }

  static Query instant(String expr, String legend) {
    return new Query(expr, legend, true, null);
  }

  /** An instant query that becomes a table column with its own unit. */
  static Query column(String expr, String name, String unit) {
    return new Query(expr, name, true, unit);
  }
}
