/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

/** Copies what one streamed chunk (or one response) says about the call into its result. */
public interface ChunkReader<T> {
  void read(T chunk, LlmResult result);
}
