/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.demo.provider.FakeLlmProvider;
import io.tokenmeter.it.LlmBackends;
import io.tokenmeter.it.apps.OpenAiApp;
import io.tokenmeter.it.jvm.AgentJvm;
import io.tokenmeter.it.jvm.ChildJvmLogsOnFailure;
import io.tokenmeter.it.jvm.RunningJvm;
import io.tokenmeter.it.jvm.Sdk;
import io.tokenmeter.testing.otlp.OtlpReceiver;
import io.tokenmeter.testing.otlp.ReceivedSpan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** User and session from each attribution source, through the real agent. */
@ExtendWith(ChildJvmLogsOnFailure.class)
class AttributionIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration AWAIT = Duration.ofSeconds(30);

  @RegisterExtension final LlmBackends backends = new LlmBackends();
  private FakeLlmProvider provider;
  private OtlpReceiver otlp;

  @BeforeEach
  void start() {
    provider = backends.provider();
    otlp = backends.otlp();
  }

  private AgentJvm app(String name) {
    return AgentJvm.named(name)
        .receiver(otlp)
        .sdk(Sdk.OPENAI_NEWEST)
        .mainClass(OpenAiApp.class)
        .args(provider.baseUrl());
  }

  @Test
  void mdcUserOutranksTheRequestUserWhenConfigured() {
    app("attribution-mdc")
        .sysprop("otel.instrumentation.tokenmeter.user.mdc-key", "userId")
        .args("mdc:bob:chat")
        .run(RUN_TIMEOUT)
        .requireSuccess();

    ReceivedSpan span = otlp.awaitSpans(GenAiSpans::isGenAi, 1, AWAIT).get(0);
    assertThat(span.attribute("user.id")).isEqualTo("bob");
    assertThat(span.attribute("tokenmeter.request.user")).isEqualTo("u-request");
  }

  /** The request's own user id is hashed too, wherever the salt is configured. */
  @ParameterizedTest(name = "salt from {0}")
  @ValueSource(strings = {"system property", "agent configuration file"})
  void hashesEveryUserIdBeforeItLeavesTheJvm(String source, @TempDir Path dir) throws Exception {
    AgentJvm app = app("attribution-hash");
    if (source.equals("system property")) {
      app.sysprop("otel.instrumentation.tokenmeter.user.hash-salt", "s3cret");
    } else {
      Path file =
          Files.writeString(
              dir.resolve("agent.properties"),
              "otel.instrumentation.tokenmeter.user.hash-salt=s3cret\n");
      app.sysprop("otel.javaagent.configuration-file", file.toString());
    }
    app.args("baggage:alice:s-1:chat", "chat").run(RUN_TIMEOUT).requireSuccess();

    List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, 2, AWAIT);
    assertThat(spans)
        .extracting(s -> s.attribute("user.id"))
        .containsExactlyInAnyOrder(hash("s3cret", "alice"), hash("s3cret", "u-request"));
    assertThat(spans)
        .allSatisfy(
            s ->
                assertThat(s.attributes().values())
                    .noneMatch(v -> v.equals("alice") || v.equals("u-request")));
  }

  @Test
  void gatewayHeadersReachTheSpanThroughBaggageAndTheServerSpan() throws Exception {
    try (RunningJvm server =
        app("attribution-server")
            .sysprop(
                "otel.instrumentation.http.server.capture-request-headers",
                "x-user-id,x-session-id")
            .sysprop("otel.instrumentation.tokenmeter.dimensions", "team")
            .args("server")
            .start()) {
      int port =
          Integer.parseInt(server.readLineMatching("LISTENING (\\d+)", RUN_TIMEOUT).group(1));
      HttpClient http = HttpClient.newHttpClient();

      call(http, port, Map.of("x-user-id", "carol", "x-session-id", "conv-7"));
      call(http, port, Map.of("x-user-id", "carol", "baggage", "user.id=dave,team=search"));

      List<ReceivedSpan> spans = otlp.awaitSpans(GenAiSpans::isGenAi, 2, AWAIT);
      Map<String, ReceivedSpan> byUser = GenAiSpans.byUser(spans);
      assertThat(byUser.keySet()).containsExactlyInAnyOrder("carol", "dave");
      // From the captured request headers on the local root (SERVER) span.
      assertThat(byUser.get("carol").attribute("session.id")).isEqualTo("conv-7");
      // Baggage outranks the root span's header; configured dimensions are copied.
      assertThat(byUser.get("dave").attribute("tokenmeter.dim.team")).isEqualTo("search");
      assertThat(byUser.get("carol").attributes()).doesNotContainKey("tokenmeter.dim.team");
    }
  }

  private static void call(HttpClient http, int port, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/run?scenario=chat"))
            .timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    String body = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(body).startsWith("RESULT chat id=");
  }

  private static String hash(String salt, String user) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(salt.getBytes(StandardCharsets.UTF_8));
    byte[] bytes = digest.digest(user.getBytes(StandardCharsets.UTF_8));
    return "sha256:" + HexFormat.of().formatHex(bytes, 0, 16);
  }
}
