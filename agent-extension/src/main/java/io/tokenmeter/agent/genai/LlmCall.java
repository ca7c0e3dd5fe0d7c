/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent.genai;

/**
 * The request side of one LLM call, in SDK-neutral terms; each SDK's mapper fills what its request
 * says.
 */
public final class LlmCall {
  final String operation;
  final String provider;
  String requestModel;
  Long maxTokens;
  Double temperature;
  Double topP;
  Double topK;
  Long seed;
  String serverAddress;
  Long serverPort;
  String requestUser;
  String conversationId;
  String agentName;
  boolean streaming;

  public LlmCall(String operation, String provider) {
    this.operation = operation;
    this.provider = provider;
  }

  public LlmCall requestModel(String value) {
    requestModel = value;
    return this;
  }

  public LlmCall maxTokens(Long value) {
    maxTokens = value;
    return this;
  }

  public LlmCall temperature(Double value) {
    temperature = value;
    return this;
  }

  public LlmCall topP(Double value) {
    topP = value;
    return this;
  }

  public LlmCall topK(Double value) {
    topK = value;
    return this;
  }

  public LlmCall seed(Long value) {
    seed = value;
    return this;
  }

  /**
   * Sets server.address and server.port from a base URL such as {@code https://api.openai.com/v1}.
   */
  public LlmCall baseUrl(String url) {
    if (url == null) {
      return this;
    }
    try {
      java.net.URI uri = java.net.URI.create(url);
      serverAddress = uri.getHost();
      int port = uri.getPort();
      if (port < 0) {
        port = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
      }
      serverPort = (long) port;
    } catch (IllegalArgumentException e) {
      // An unparsable base URL only costs us the server attributes.
    }
    return this;
  }

  /** Sets the user the SDK request names; it passes through {@link RequestUser} first. */
  public LlmCall requestUser(String value) {
    requestUser = RequestUser.of(value);
    return this;
  }

  public LlmCall conversationId(String value) {
    conversationId = value;
    return this;
  }

  public LlmCall agentName(String value) {
    agentName = value;
    return this;
  }

  public LlmCall streaming(boolean value) {
    streaming = value;
    return this;
  }

  public String operation() {
    return operation;
  }

  public String provider() {
    return provider;
  }

  public String requestModel() {
    return requestModel;
  }

  public String requestUser() {
    return requestUser;
  }
}
