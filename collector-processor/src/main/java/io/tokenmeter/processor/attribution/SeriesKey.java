/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.attribution;

/**
 * Three label values that find a cached series handle: a map key that hashes its values once, when
 * built, instead of on every lookup, and allocates no list.
 */
final class SeriesKey {
  final String first;
  final String second;
  final String third;
  private final int hash;

  SeriesKey(String first, String second, String third) {
    this.first = first;
    this.second = second;
    this.third = third;
    this.hash = (31 * (31 * first.hashCode() + second.hashCode())) + third.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof SeriesKey k
            && hash == k.hash
            && first.equals(k.first)
            && second.equals(k.second)
            && third.equals(k.third));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "[" + first + ", " + second + ", " + third + "]";
  }
}
