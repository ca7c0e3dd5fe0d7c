/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.it.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.it.jvm.RepoLayout;
import io.tokenmeter.it.jvm.Sdk;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our muzzle: the extension is compiled against the oldest SDK of each kind, so every SDK method it
 * calls, and every SDK interface it implements, is checked here against each tested SDK version. A
 * signature that changed (say a getter that now returns Optional) fails the build instead of
 * silently losing spans in production.
 */
class ExtensionLinksAgainstEverySdkIT {
  private static final Pattern MEMBER_REF =
      Pattern.compile(
          "= (?:Methodref|InterfaceMethodref)\\s+\\S+\\s+// ("
              + "(?:com/(?:openai|anthropic|google/genai)|dev/langchain4j|software/amazon/awssdk)"
              + "/[\\w/$]+)\\.(\\w+):(\\S+)");
  private static final Pattern IMPLEMENTS =
      Pattern.compile(
          "implements ([\\w.$<>?, ]*(?:com\\.(?:openai|anthropic|google\\.genai)|dev\\.langchain4j"
              + "|software\\.amazon\\.awssdk)[\\w.$]*)");

  @ParameterizedTest(name = "{0} against {1}")
  @CsvSource({
    "openai, openai-oldest",
    "openai, openai-newest",
    "anthropic, anthropic-oldest",
    "anthropic, anthropic-newest",
    "langchain4j, langchain4j-oldest",
    "langchain4j, langchain4j-newest",
    "google, google-genai-oldest",
    "google, google-genai-newest"
  })
  void everySdkMemberTheExtensionUsesExists(String pkg, String alias) throws Exception {
    String sdk = alias.endsWith("oldest") ? oldest(pkg) : newest(pkg);
    List<String> classes = extensionClasses("io/tokenmeter/agent/" + pkg + "/");
    assertThat(classes).isNotEmpty();
    TreeSet<String> missing = new TreeSet<>();
    int checked = 0;
    try (URLClassLoader sdkLoader = loaderFor(RepoLayout.sdkClasspath(sdk))) {
      for (String className : classes) {
        String listing = javap("-v", "-p", className);
        Matcher ref = MEMBER_REF.matcher(listing);
        while (ref.find()) {
          checked++;
          String owner = ref.group(1).replace('/', '.');
          if (!hasMethod(sdkLoader, owner, ref.group(2), ref.group(3))) {
            missing.add(owner + "." + ref.group(2) + ref.group(3) + " (used by " + className + ")");
          }
        }
        missing.addAll(unimplemented(sdkLoader, className, listing));
      }
    }
    assertThat(checked).as("SDK member references found").isPositive();
    assertThat(missing).as("SDK members missing in %s", sdk).isEmpty();
  }

  private static String oldest(String pkg) {
    return switch (pkg) {
      case "openai" -> Sdk.OPENAI_OLDEST;
      case "anthropic" -> Sdk.ANTHROPIC_OLDEST;
      case "langchain4j" -> Sdk.LANGCHAIN4J_OLDEST;
      case "google" -> Sdk.GOOGLE_GENAI_OLDEST;
      default -> throw new IllegalArgumentException(pkg);
    };
  }

  private static String newest(String pkg) {
    return switch (pkg) {
      case "openai" -> Sdk.OPENAI_NEWEST;
      case "anthropic" -> Sdk.ANTHROPIC_NEWEST;
      case "langchain4j" -> Sdk.LANGCHAIN4J_NEWEST;
      case "google" -> Sdk.GOOGLE_GENAI_NEWEST;
      default -> throw new IllegalArgumentException(pkg);
    };
  }

  private static List<String> extensionClasses(String prefix) throws Exception {
    List<String> names = new ArrayList<>();
    try (JarFile jar = new JarFile(RepoLayout.dist("tokenmeter-agent-extension.jar").toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.startsWith(prefix) && name.endsWith(".class")) {
          names.add(name.substring(0, name.length() - 6).replace('/', '.'));
        }
      }
    }
    return names;
  }

  private static String javap(String... args) {
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    StringWriter out = new StringWriter();
    List<String> all =
        new ArrayList<>(
            List.of("-cp", RepoLayout.dist("tokenmeter-agent-extension.jar").toString()));
    all.addAll(List.of(args));
    int rc = javap.run(new PrintWriter(out), new PrintWriter(out), all.toArray(new String[0]));
    assertThat(rc).as(out.toString()).isZero();
    return out.toString();
  }

  private static URLClassLoader loaderFor(String classpath) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  private static boolean hasMethod(
      ClassLoader loader, String owner, String name, String descriptor) {
    try {
      Class<?> type = Class.forName(owner, false, loader);
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Method m : c.getDeclaredMethods()) {
          if (m.getName().equals(name) && descriptor(m).equals(descriptor)) {
            return true;
          }
        }
      }
      for (Method m : type.getMethods()) {
        if (m.getName().equals(name) && descriptor(m).equals(descriptor)) {
          return true;
        }
      }
      return false;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Abstract methods of an SDK interface the class implements that the class does not declare. */
  private static List<String> unimplemented(ClassLoader loader, String className, String listing) {
    List<String> missing = new ArrayList<>();
    Matcher implemented = IMPLEMENTS.matcher(listing);
    if (!implemented.find()) {
      return missing;
    }
    for (String raw : implemented.group(1).split(",")) {
      String iface = raw.replaceAll("<.*", "").trim();
      if (!iface.startsWith("com.")
          && !iface.startsWith("dev.")
          && !iface.startsWith("software.")) {
        continue;
      }
      try {
        for (Method m : Class.forName(iface, false, loader).getMethods()) {
          if (Modifier.isAbstract(m.getModifiers()) && !listing.contains(" " + m.getName() + "(")) {
            missing.add(iface + "." + m.getName() + " not implemented by " + className);
          }
        }
      } catch (ClassNotFoundException | LinkageError e) {
        missing.add(iface + " missing (implemented by " + className + ")");
      }
    }
    return missing;
  }

  private static String descriptor(Method m) {
    StringBuilder out = new StringBuilder("(");
    for (Class<?> p : m.getParameterTypes()) {
      out.append(p.descriptorString());
    }
    return out.append(')').append(m.getReturnType().descriptorString()).toString();
  }
}
