/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.springai;

import io.tokenmeter.agent.genai.OptionalMethod;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a failed call's {@code error.type}: the provider's HTTP status where it can be found (the
 * status of a {@code RestClientResponseException} or of an SDK's service exception, or the {@code
 * "HTTP 429 - ..."} message of Spring AI's {@code TransientAiException}/{@code
 * NonTransientAiException}, or the {@code "Response exception, Status: [529]"} of a 1.x Anthropic
 * stream), else the exception's class.
 */
final class SpringAiErrors {
  private static final OptionalMethod STATUS_CODE = new OptionalMethod("getStatusCode");
  private static final OptionalMethod SDK_STATUS_CODE = new OptionalMethod("statusCode");
  private static final OptionalMethod VALUE = new OptionalMethod("value");
  private static final Pattern LEADING_STATUS = Pattern.compile("^(?:HTTP )?([45]\\d\\d)\\b");
  // Spring AI 1.x Anthropic streams fail with a plain RuntimeException saying so.
  private static final Pattern STREAM_STATUS =
      Pattern.compile("^Response exception, Status: \\[([45]\\d\\d)\\]");

  private SpringAiErrors() {}

  static String type(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Object status = STATUS_CODE.value(t);
      if (status == null) {
        status = SDK_STATUS_CODE.value(t); // openai-java's and anthropic-java's service exceptions
      }
      Object value = status instanceof Number ? status : VALUE.value(status);
      if (value instanceof Number) {
        return Integer.toString(((Number) value).intValue());
      }
      String message = t.getMessage();
      if (message != null) {
        Matcher matcher =
            t.getClass().getName().endsWith("AiException")
                ? LEADING_STATUS.matcher(message)
                : STREAM_STATUS.matcher(message);
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
    }
    return error.getClass().getName();
  }
}
