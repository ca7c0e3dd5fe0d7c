/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.springai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpringAiErrorsTest {
  @Test
  void takesTheStatusFromSpringAiRetryExceptionMessages() {
    assertThat(SpringAiErrors.type(new NonTransientAiException("HTTP 429 - {\"error\":{}}")))
        .isEqualTo("429");
    assertThat(SpringAiErrors.type(new NonTransientAiException("529 - overloaded")))
        .isEqualTo("529");
  }

  @Test
  void takesTheStatusFromA1xAnthropicStreamFailure() {
    assertThat(
            SpringAiErrors.type(
                new RuntimeException(
                    "Response exception, Status: [529], Body:[{\"type\":\"error\"}]")))
        .isEqualTo("529");
  }

  @Test
  void takesTheStatusFromAnSdkExceptionInTheCauseChain() {
    assertThat(SpringAiErrors.type(new RuntimeException(new SdkServiceException(503))))
        .isEqualTo("503");
  }

  @Test
  void fallsBackToTheExceptionClass() {
    assertThat(SpringAiErrors.type(new IllegalStateException("HTTP 429 but not an AI exception")))
        .isEqualTo("java.lang.IllegalStateException");
  }

  static final class NonTransientAiException extends RuntimeException {
    NonTransientAiException(String message) {
      super(message);
    }
  }

  public static final class SdkServiceException extends RuntimeException {
    private final int status;

    SdkServiceException(int status) {
      this.status = status;
    }

    public int statusCode() {
      return status;
    }
  }
}
