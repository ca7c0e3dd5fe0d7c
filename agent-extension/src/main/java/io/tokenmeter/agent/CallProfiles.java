/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

/**
 * Remembers the {@link CallProfile}s of recent kinds of GenAI call, so that a repeated kind builds
 * no metric attributes and looks no price up again. A fixed table of slots, each holding the last
 * profile whose attributes hash to it: bounded, lock-free, and free of allocation on a hit. Slots
 * are read and written without locks; a profile is immutable apart from its idempotent, volatile
 * pricing, so a stale read only costs building a profile again.
 */
final class CallProfiles {
  private static final int SLOTS = 256; // a power of two

  private final CallProfile[] slots = new CallProfile[SLOTS];

  CallProfile get(
      String operation,
      String provider,
      String requestModel,
      String responseModel,
      String serverAddress,
      String errorType) {
    int hash =
        CallProfile.hash(
            operation, provider, requestModel, responseModel, serverAddress, errorType);
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    CallProfile profile = slots[slot];
    if (profile == null
        || !profile.matches(
            operation, provider, requestModel, responseModel, serverAddress, errorType)) {
      profile =
          new CallProfile(
              operation, provider, requestModel, responseModel, serverAddress, errorType);
      slots[slot] = profile;
    }
    return profile;
  }
}
