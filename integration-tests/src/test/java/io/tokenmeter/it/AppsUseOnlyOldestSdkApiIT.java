/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.it.jvm.RepoLayout;
import io.tokenmeter.it.jvm.Sdk;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test apps are compiled against the newest SDKs but also run on the oldest: compiling their
 * sources against the oldest SDKs must succeed and must reference exactly the same classes, methods
 * and fields (compared with javap), so the newest-compiled classes link on the oldest classpath.
 */
class AppsUseOnlyOldestSdkApiIT {
  private static final Pattern MEMBER_REF =
      Pattern.compile("// (?:Method|InterfaceMethod|Field|class) (\\S+)");

  /**
   * Each group of apps, the oldest SDK classpaths it must link against, and a package prefix its
   * bytecode must reference (proof that javap output was parsed). The shared classes
   * (ScenarioDriver, Scenarios, Outcome) are compiled with every group.
   */
  static Stream<Arguments> appGroups() {
    return Stream.of(
        Arguments.of(
            List.of("OpenAiApp", "AnthropicApp"),
            List.of(Sdk.OPENAI_OLDEST, Sdk.ANTHROPIC_OLDEST),
            "com/anthropic/"),
        Arguments.of(
            List.of("SpringAiApp"), List.of(Sdk.SPRING_AI_OLDEST), "org/springframework/ai/"),
        // The OpenAI scenarios also run on LangChain4j 1.0.0, which has no Anthropic module here.
        Arguments.of(
            List.of("LangChain4jApp"),
            List.of(Sdk.LANGCHAIN4J_ANTHROPIC_OLDEST),
            "dev/langchain4j/"),
        Arguments.of(
            List.of("GoogleGenAiApp"), List.of(Sdk.GOOGLE_GENAI_OLDEST), "com/google/genai/"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("appGroups")
  void appsCompiledAgainstTheOldestSdksReferenceTheSameMembers(
      List<String> apps, List<String> oldestSdks, String referencedPackage) throws IOException {
    Path appsSources = RepoLayout.itModule().resolve("src/test/java/io/tokenmeter/it/apps");
    Path out = RepoLayout.itModule().resolve("target/apps-on-oldest-sdks/" + apps.get(0));
    deleteRecursively(out);
    Files.createDirectories(out);

    List<String> classpath = new ArrayList<>();
    for (String sdk : oldestSdks) {
      classpath.add(RepoLayout.sdkClasspath(sdk));
    }
    List<String> javacArgs =
        new ArrayList<>(
            List.of(
                "--release",
                "17",
                "-nowarn",
                "-d",
                out.toString(),
                "-cp",
                String.join(File.pathSeparator, classpath)));
    try (Stream<Path> files = Files.list(appsSources)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> isShared(f) || apps.contains(baseName(f)))
          .forEach(f -> javacArgs.add(f.toString()));
    }
    StringWriter errors = new StringWriter();
    int rc = run("javac", javacArgs, errors);
    assertThat(rc).as("javac against the oldest SDKs:%n%s", errors).isZero();

    Path appsClasses = Path.of("io", "tokenmeter", "it", "apps");
    Set<String> all = new TreeSet<>();
    try (Stream<Path> classes = Files.list(out.resolve(appsClasses))) {
      for (Path oldest : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
        Path newest = RepoLayout.testClasses().resolve(appsClasses).resolve(oldest.getFileName());
        Set<String> refs = memberRefs(oldest);
        assertThat(refs)
            .as("members referenced by %s", oldest.getFileName())
            .isEqualTo(memberRefs(newest));
        all.addAll(refs);
      }
    }
    assertThat(all).as("javap output was parsed").anyMatch(r -> r.startsWith(referencedPackage));
  }

  /** Every source that is not an app (a class named *App) is shared by all of them. */
  private static boolean isShared(Path source) {
    return !baseName(source).endsWith("App");
  }

  private static String baseName(Path source) {
    String name = source.getFileName().toString();
    return name.substring(0, name.length() - ".java".length());
  }

  private static Set<String> memberRefs(Path classFile) {
    StringWriter text = new StringWriter();
    int rc = run("javap", List.of("-c", "-p", classFile.toString()), text);
    assertThat(rc).as("javap %s: %s", classFile, text).isZero();
    Set<String> refs = new TreeSet<>();
    Matcher m = MEMBER_REF.matcher(text.toString());
    while (m.find()) {
      refs.add(m.group(1));
    }
    return refs;
  }

  private static int run(String tool, List<String> args, StringWriter output) {
    java.util.spi.ToolProvider provider =
        java.util.spi.ToolProvider.findFirst(tool)
            .orElseThrow(() -> new AssertionError("no " + tool));
    PrintWriter writer = new PrintWriter(output);
    int rc = provider.run(writer, writer, args.toArray(String[]::new));
    writer.flush();
    return rc;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
