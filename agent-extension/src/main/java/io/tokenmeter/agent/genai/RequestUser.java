/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

import io.tokenmeter.agent.TokenmeterConfig;
import io.tokenmeter.agent.UserIdHasher;

/**
 * Prepares the user id an SDK request carries (OpenAI {@code user}, Anthropic {@code
 * metadata.user_id}) for the span: dropped when that source is off, hashed when a salt is set,
 * before it is ever recorded.
 */
public final class RequestUser {
  private static final TokenmeterConfig CONFIG = TokenmeterConfig.fromAgent();
  private static final UserIdHasher HASHER = UserIdHasher.withSalt(CONFIG.userHashSalt());

  private RequestUser() {}

  public static String of(String raw) {
    if (raw == null || raw.isEmpty() || !CONFIG.userFromRequest()) {
      return null;
    }
    return HASHER.apply(raw);
  }
}
