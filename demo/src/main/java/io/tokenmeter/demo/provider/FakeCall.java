/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One accepted request as an endpoint sees it: the parsed body, the usage to report and the stream
 * pacing.
 *
 * @param cutAfter events to send before dropping the connection, or -1 to finish the stream
 */
record FakeCall(JsonNode body, String model, FakeUsage usage, long chunkDelayMillis, int cutAfter) {

  boolean streaming() {
    return body.path("stream").asBoolean(false);
  }
}
