/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/** A session's totals over a date range, for the costliest-sessions report. */
public record TopSession(
    String session,
    String user,
    long requests,
    long tokens,
    BigDecimal costUsd,
    Instant firstSeen,
    Instant lastSeen) {}
