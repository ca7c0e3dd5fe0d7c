/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a fake LLM provider until the process is killed: {@code --port N} (default 0, an ephemeral
 * port).
 */
public final class FakeLlmProviderMain {

  private FakeLlmProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      if ("--port".equals(args[i]) && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].startsWith("--port=")) {
        port = Integer.parseInt(args[i].substring("--port=".length()));
      } else {
        System.err.println("usage: FakeLlmProviderMain [--port N]");
        System.exit(2);
      }
    }
    FakeLlmProvider provider = FakeLlmProvider.start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  provider.close();
                  stopped.countDown();
                },
                "fake-llm-provider-shutdown"));
    System.out.println("fake-llm-provider listening on " + provider.baseUrl());
    System.out.flush();
    stopped.await();
  }
}
