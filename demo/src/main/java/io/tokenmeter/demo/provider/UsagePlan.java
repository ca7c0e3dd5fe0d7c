/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides the usage a call reports: header override, else the longest configured model prefix, else
 * the default.
 */
final class UsagePlan {
  static final long DEFAULT_OUTPUT = 24;
  static final long DEFAULT_REASONING = 16;
  private static final String[] REASONING_MODEL_PREFIXES = {"o1", "o3", "o4", "gpt-5"};

  private final Map<String, FakeUsage> byPrefix = new ConcurrentHashMap<>();

  void set(String modelPrefix, FakeUsage usage) {
    if (modelPrefix == null || usage == null) {
      throw new IllegalArgumentException("modelPrefix and usage are required");
    }
    byPrefix.put(modelPrefix, usage);
  }

  /** Throws IllegalArgumentException when the header is malformed. */
  FakeUsage resolve(String model, long inputChars, boolean producesOutput, String header) {
    FakeUsage planned = configured(model);
    if (planned == null) {
      planned = defaultFor(model, inputChars, producesOutput);
    }
    return header == null ? planned : FakeUsage.parseHeader(header, planned);
  }

  static FakeUsage defaultFor(String model, long inputChars, boolean producesOutput) {
    long input = 10 + inputChars / 4;
    if (!producesOutput) {
      return FakeUsage.of(input, 0);
    }
    long reasoning = isReasoningModel(model) ? DEFAULT_REASONING : 0;
    return new FakeUsage(input, 0, 0, DEFAULT_OUTPUT, reasoning);
  }

  private FakeUsage configured(String model) {
    String best = null;
    for (String prefix : byPrefix.keySet()) {
      if (model.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? null : byPrefix.get(best);
  }

  private static boolean isReasoningModel(String model) {
    for (String prefix : REASONING_MODEL_PREFIXES) {
      if (model.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
