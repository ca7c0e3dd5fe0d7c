/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.apps;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * A plain application calling Amazon Bedrock's Converse API with the AWS SDK, run in a child JVM:
 * {@code BedrockApp <baseUrl> <scenario>...} (see {@link ScenarioDriver}); the fake provider stands
 * in for the regional endpoint. The fake provider's usage per model is set by the test.
 */
public final class BedrockApp implements Scenarios {
  public static final String MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
  static final String PROMPT = "Say hello to the integration test.";

  public static final List<String> SCENARIOS =
      List.of("converse", "converse-cache", "converse-stream", "error-429");

  private final LazyClient<BedrockRuntimeClient> client;
  private final LazyClient<BedrockRuntimeAsyncClient> asyncClient;

  private BedrockApp(String baseUrl) {
    client =
        new LazyClient<>(
            () -> toFakeProvider(BedrockRuntimeClient.builder(), baseUrl).build(),
            BedrockRuntimeClient::close);
    asyncClient =
        new LazyClient<>(
            () ->
                toFakeProvider(BedrockRuntimeAsyncClient.builder(), baseUrl)
                    // The fake provider speaks HTTP/1.1 only (Bedrock itself also offers HTTP/2).
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                    .build(),
            BedrockRuntimeAsyncClient::close);
  }

  /** Points a client at the fake provider, with fake credentials and no retries. */
  private static <B extends AwsClientBuilder<B, ?>> B toFakeProvider(B builder, String baseUrl) {
    return builder
        .endpointOverride(URI.create(baseUrl))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "secret")))
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()));
  }

  public static void main(String[] args) throws Exception {
    ScenarioDriver.main(args, new BedrockApp(args[0]));
  }

  @Override
  public String run(String scenario) throws Exception {
    return switch (scenario) {
      case "converse" -> describe(client().converse(request(null, null)));
      case "converse-cache" ->
          describe(
              client()
                  .converse(
                      request(
                          "x-fake-usage", "input=1500,cached=1000,cache_creation=300,output=200")));
      case "converse-stream" -> stream();
      case "error-429" -> describe(client().converse(request("x-fake-error", "429")));
      default -> null;
    };
  }

  private static Message userMessage() {
    return Message.builder()
        .role(ConversationRole.USER)
        .content(ContentBlock.fromText(PROMPT))
        .build();
  }

  private static ConverseRequest request(String header, String value) {
    ConverseRequest.Builder builder =
        ConverseRequest.builder().modelId(MODEL).messages(userMessage());
    if (header != null) {
      builder.overrideConfiguration(
          AwsRequestOverrideConfiguration.builder().putHeader(header, value).build());
    }
    return builder.build();
  }

  private static String describe(ConverseResponse response) {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : response.output().message().content()) {
      if (block.text() != null) {
        text.append(block.text());
      }
    }
    return Outcome.of()
        .put("stop", response.stopReasonAsString())
        .put("content", text)
        .put("usage", usage(response.usage()))
        .toString();
  }

  private static String usage(TokenUsage u) {
    return u.inputTokens()
        + "/"
        + u.cacheReadInputTokens()
        + "/"
        + u.cacheWriteInputTokens()
        + "/"
        + u.outputTokens();
  }

  private String stream() throws Exception {
    StringBuilder text = new StringBuilder();
    String[] usage = {null};
    String[] stop = {null};
    ConverseStreamResponseHandler handler =
        ConverseStreamResponseHandler.builder()
            .subscriber(
                ConverseStreamResponseHandler.Visitor.builder()
                    .onContentBlockDelta(d -> text.append(d.delta().text()))
                    .onMessageStop(s -> stop[0] = s.stopReasonAsString())
                    .onMetadata(m -> usage[0] = usage(m.usage()))
                    .build())
            .build();
    asyncClient()
        .converseStream(
            ConverseStreamRequest.builder().modelId(MODEL).messages(userMessage()).build(), handler)
        .get(60, TimeUnit.SECONDS);
    return Outcome.of().put("stop", stop[0]).put("content", text).put("usage", usage[0]).toString();
  }

  private BedrockRuntimeClient client() {
    return client.get();
  }

  private BedrockRuntimeAsyncClient asyncClient() {
    return asyncClient.get();
  }

  @Override
  public Integer statusOf(Throwable failure) {
    return failure instanceof AwsServiceException e ? e.statusCode() : null;
  }

  @Override
  public void close() {
    client.close();
    asyncClient.close();
  }
}
