/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import java.util.List;
import java.util.Map;

/** One HTTP request the fake provider received; header names are lower case. */
public record RecordedRequest(
    String method, String path, Map<String, List<String>> headers, String body) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** Returns the first value of the named header (any case), or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
