/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.otlp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time; allows all when no token is set.
 */
public final class BearerAuth {
  private final byte[] expected;

  public BearerAuth(String token) {
    this.expected =
        token == null || token.isEmpty()
            ? null
            : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  public boolean allows(String authorizationHeader) {
    if (expected == null) {
      return true;
    }
    return authorizationHeader != null
        && MessageDigest.isEqual(
            expected, authorizationHeader.trim().getBytes(StandardCharsets.UTF_8));
  }
}
