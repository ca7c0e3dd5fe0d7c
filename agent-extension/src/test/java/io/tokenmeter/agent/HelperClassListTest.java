/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.tokenmeter.agent.anthropic.AnthropicInstrumentationModule;
import io.tokenmeter.agent.google.GoogleGenAiInstrumentationModule;
import io.tokenmeter.agent.langchain4j.LangChain4jInstrumentationModule;
import io.tokenmeter.agent.openai.OpenAiInstrumentationModule;
import io.tokenmeter.agent.springai.SpringAiInstrumentationModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Maven has no muzzle plugin, so each module lists the classes it injects. This test walks the
 * bytecode from the module's advice classes and fails when a reachable class of ours is not listed,
 * or a listed class is not reachable.
 */
class HelperClassListTest {
  static Stream<InstrumentationModule> modules() {
    return Stream.of(
        new OpenAiInstrumentationModule(),
        new AnthropicInstrumentationModule(),
        new SpringAiInstrumentationModule(),
        new LangChain4jInstrumentationModule(),
        new GoogleGenAiInstrumentationModule());
  }

  @ParameterizedTest
  @MethodSource("modules")
  void listsExactlyTheClassesItsAdviceReaches(InstrumentationModule module) throws IOException {
    assertThat(new TreeSet<>(module.getAdditionalHelperClassNames()))
        .isEqualTo(reachableFromAdvice(module));
  }

  private static Set<String> reachableFromAdvice(InstrumentationModule module) throws IOException {
    String modulePackage = module.getClass().getPackage().getName();
    Set<String> reachable = new TreeSet<>();
    Deque<String> queue = new ArrayDeque<>();
    for (String adviceOrType : classesOf(module)) {
      queue.addAll(references(adviceOrType));
    }
    while (!queue.isEmpty()) {
      String name = queue.poll();
      if (!name.startsWith("io.tokenmeter.") || isInstrumentationSide(name, modulePackage)) {
        continue;
      }
      if (reachable.add(name)) {
        queue.addAll(references(name));
      }
    }
    return reachable;
  }

  /** The module, its type instrumentations and their advice run in the agent, not the app. */
  private static boolean isInstrumentationSide(String name, String modulePackage) {
    if (!name.startsWith(modulePackage + ".")) {
      return false;
    }
    String simple = name.substring(modulePackage.length() + 1);
    return simple.contains("Instrumentation") || simple.endsWith("Helpers");
  }

  private static Set<String> classesOf(InstrumentationModule module) {
    Set<String> names = new TreeSet<>();
    module
        .typeInstrumentations()
        .forEach(
            type -> {
              for (Class<?> nested : type.getClass().getDeclaredClasses()) {
                names.add(nested.getName());
              }
            });
    return names;
  }

  private static Set<String> references(String className) throws IOException {
    Set<String> found = new TreeSet<>();
    String resource = className.replace('.', '/') + ".class";
    try (InputStream in =
        HelperClassListTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("bytecode of %s", className).isNotNull();
      new ClassReader(in)
          .accept(
              new ClassRemapper(
                  // A real delegate, so that method bodies are visited too.
                  new ClassWriter(0),
                  new Remapper() {
                    @Override
                    public String map(String internalName) {
                      found.add(internalName.replace('/', '.'));
                      return internalName;
                    }
                  }),
              0);
    }
    return found;
  }
}
