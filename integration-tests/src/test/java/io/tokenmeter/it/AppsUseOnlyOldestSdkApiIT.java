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
import org.junit.jupiter.api.Test;

/**
 * The test apps are compiled against the newest SDKs but also run on the oldest: compiling their
 * sources against the oldest SDKs must succeed and must reference exactly the same classes, methods
 * and fields (compared with javap), so the newest-compiled classes link on the oldest classpath.
 */
class AppsUseOnlyOldestSdkApiIT {
  private static final Pattern MEMBER_REF =
      Pattern.compile("// (?:Method|InterfaceMethod|Field|class) (\\S+)");

  @Test
  void appsCompiledAgainstTheOldestSdksReferenceTheSameMembers() throws IOException {
    Path appsSources = RepoLayout.itModule().resolve("src/test/java/io/tokenmeter/it/apps");
    Path out = RepoLayout.itModule().resolve("target/apps-on-oldest-sdks");
    deleteRecursively(out);
    Files.createDirectories(out);

    String oldestSdks =
        RepoLayout.sdkClasspath(Sdk.OPENAI_OLDEST)
            + File.pathSeparator
            + RepoLayout.sdkClasspath(Sdk.ANTHROPIC_OLDEST);
    List<String> javacArgs =
        new ArrayList<>(
            List.of("--release", "17", "-nowarn", "-d", out.toString(), "-cp", oldestSdks));
    try (Stream<Path> files = Files.list(appsSources)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javacArgs.add(f.toString()));
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
    assertThat(all)
        .as("javap output was parsed")
        .anyMatch(r -> r.startsWith("com/openai/"))
        .anyMatch(r -> r.startsWith("com/anthropic/"));
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
