/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.metrics;

final class FamilyNames {
  private FamilyNames() {}

  /** client_java names counters without the {@code _total} suffix and appends it on exposition. */
  static String withoutTotal(String name) {
    return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
  }
}
