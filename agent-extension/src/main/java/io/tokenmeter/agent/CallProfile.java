/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static io.tokenmeter.agent.GenAiAttributes.ERROR_TYPE;
import static io.tokenmeter.agent.GenAiAttributes.OPERATION_NAME;
import static io.tokenmeter.agent.GenAiAttributes.PROVIDER_NAME;
import static io.tokenmeter.agent.GenAiAttributes.REQUEST_MODEL;
import static io.tokenmeter.agent.GenAiAttributes.RESPONSE_MODEL;
import static io.tokenmeter.agent.GenAiAttributes.SERVER_ADDRESS;
import static io.tokenmeter.agent.GenAiAttributes.TOKEN_TYPE;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.tokenmeter.pricing.ModelPrice;
import io.tokenmeter.pricing.PriceCatalog;
import java.util.Objects;

/**
 * One kind of GenAI call: the span attributes its metrics carry, the metric attributes built from
 * them (with their input and output token-type variants) and the catalog row that prices it.
 */
final class CallProfile {

  private final String operation;
  private final String provider;
  private final String requestModel;
  private final String responseModel;
  private final String serverAddress;
  private final String errorType;
  final Attributes metricAttributes;
  final Attributes inputTokenAttributes;
  final Attributes outputTokenAttributes;

  /**
   * Looked up on first use only, as before profiles existed: calls without usage are never priced.
   */
  private volatile Pricing pricing;

  CallProfile(
      String operation,
      String provider,
      String requestModel,
      String responseModel,
      String serverAddress,
      String errorType) {
    this.operation = operation;
    this.provider = provider;
    this.requestModel = requestModel;
    this.responseModel = responseModel;
    this.serverAddress = serverAddress;
    this.errorType = errorType;
    AttributesBuilder builder = Attributes.builder();
    putIfPresent(builder, OPERATION_NAME, operation);
    putIfPresent(builder, PROVIDER_NAME, provider);
    putIfPresent(builder, REQUEST_MODEL, requestModel);
    putIfPresent(builder, RESPONSE_MODEL, responseModel);
    putIfPresent(builder, SERVER_ADDRESS, serverAddress);
    putIfPresent(builder, ERROR_TYPE, errorType);
    metricAttributes = builder.build();
    inputTokenAttributes = metricAttributes.toBuilder().put(TOKEN_TYPE, "input").build();
    outputTokenAttributes = metricAttributes.toBuilder().put(TOKEN_TYPE, "output").build();
  }

  private static void putIfPresent(
      AttributesBuilder builder, AttributeKey<String> key, String value) {
    if (value != null) {
      builder.put(key, value);
    }
  }

  static int hash(
      String operation,
      String provider,
      String requestModel,
      String responseModel,
      String serverAddress,
      String errorType) {
    int h = Objects.hashCode(operation);
    h = 31 * h + Objects.hashCode(provider);
    h = 31 * h + Objects.hashCode(requestModel);
    h = 31 * h + Objects.hashCode(responseModel);
    h = 31 * h + Objects.hashCode(serverAddress);
    return 31 * h + Objects.hashCode(errorType);
  }

  boolean matches(
      String operation,
      String provider,
      String requestModel,
      String responseModel,
      String serverAddress,
      String errorType) {
    return Objects.equals(this.responseModel, responseModel)
        && Objects.equals(this.requestModel, requestModel)
        && Objects.equals(this.provider, provider)
        && Objects.equals(this.operation, operation)
        && Objects.equals(this.serverAddress, serverAddress)
        && Objects.equals(this.errorType, errorType);
  }

  /** Returns the row pricing this kind of call (the response model, else the requested one). */
  Pricing pricing(PriceCatalog catalog) {
    Pricing current = pricing;
    if (current == null) {
      ModelPrice price =
          catalog.find(provider, responseModel != null ? responseModel : requestModel);
      current = price == null ? Pricing.NONE : new Pricing(price);
      pricing = current;
    }
    return current;
  }

  /**
   * A catalog row and its {@code tokenmeter.pricing.model} value; {@link #NONE} when no row
   * matches.
   */
  static final class Pricing {
    static final Pricing NONE = new Pricing(null);

    final ModelPrice price;
    final String pricingModel;

    private Pricing(ModelPrice price) {
      this.price = price;
      this.pricingModel = price == null ? null : price.key();
    }
  }
}
