/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Replaces user ids by a salted SHA-256 digest before they leave the JVM, when a salt is set. */
public final class UserIdHasher {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final byte[] salt;

  private UserIdHasher(String salt) {
    this.salt = salt == null ? null : salt.getBytes(StandardCharsets.UTF_8);
  }

  /** Creates a hasher; a null salt means ids pass unchanged. */
  public static UserIdHasher withSalt(String salt) {
    return new UserIdHasher(salt);
  }

  public boolean hashes() {
    return salt != null;
  }

  /**
   * Returns the id to export: the id itself, or {@code sha256:} and 32 hex digits of the salted
   * digest.
   */
  public String apply(String userId) {
    if (salt == null || userId == null) {
      return userId;
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      byte[] hash = digest.digest(userId.getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder("sha256:");
      for (int i = 0; i < 16; i++) {
        out.append(HEX[(hash[i] >> 4) & 0xf]).append(HEX[hash[i] & 0xf]);
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
