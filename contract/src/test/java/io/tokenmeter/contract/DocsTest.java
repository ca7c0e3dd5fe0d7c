/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs are the contract: every relative link of the repository's Markdown resolves to a file
 * and, with {@code #anchor}, to a heading of it; nothing refers to a document outside the
 * repository; the README stays a short entry point into {@code docs/}.
 */
class DocsTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
  private static final Pattern LINK_TEXT = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*:");

  /** The contract before it moved into the repository, and the folder it lived in. */
  private static final List<String> OUTSIDE_DOCUMENTS =
      java.util.Arrays.asList("DESIGN.md", "../shared/", "shared/DESIGN");

  @Test
  void everyRelativeLinkResolvesToAFileAndHeading() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path file : markdownFiles()) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      boolean fence = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.startsWith("```")) {
          fence = !fence;
          continue;
        }
        if (fence) {
          continue;
        }
        Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
        while (link.find()) {
          String target = link.group(1);
          if (SCHEME.matcher(target).find()) {
            continue;
          }
          checked++;
          String problem = problem(file, target);
          if (problem != null) {
            broken.add(repo().relativize(file) + ":" + (i + 1) + " " + target + ": " + problem);
          }
        }
      }
    }

    assertThat(checked).as("relative links found").isGreaterThan(50);
    assertThat(broken).isEmpty();
  }

  @Test
  void nothingRefersToADocumentOutsideTheRepository() throws IOException {
    List<String> references = new ArrayList<>();
    for (Path file : textFiles()) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (java.nio.charset.MalformedInputException notText) {
        continue;
      }
      for (int i = 0; i < lines.size(); i++) {
        for (String outside : OUTSIDE_DOCUMENTS) {
          if (lines.get(i).contains(outside)) {
            references.add(repo().relativize(file) + ":" + (i + 1) + " mentions " + outside);
          }
        }
      }
    }

    assertThat(references).isEmpty();
  }

  @Test
  void readmeIsAShortEntryPointIntoDocs() throws IOException {
    List<String> readme = Files.readAllLines(repo().resolve("README.md"), StandardCharsets.UTF_8);

    assertThat(readme.size()).as("README.md lines").isLessThanOrEqualTo(250);
    assertThat(String.join("\n", readme))
        .contains("(docs/contract.md)")
        .contains("mvn -B -ntp verify");
  }

  private static String problem(Path from, String target) {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path dest = file.isEmpty() ? from : from.getParent().resolve(file).normalize();
    if (!Files.exists(dest)) {
      return "no such file";
    }
    if (anchor != null && dest.toString().endsWith(".md")) {
      try {
        if (!headingSlugs(dest).contains(anchor)) {
          return "no heading #" + anchor + " in " + repo().relativize(dest);
        }
      } catch (IOException e) {
        return "unreadable: " + e.getMessage();
      }
    }
    return null;
  }

  /** The anchors GitHub gives a file's headings, numbered when a heading repeats. */
  private static Set<String> headingSlugs(Path file) throws IOException {
    Set<String> slugs = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fence = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        fence = !fence;
        continue;
      }
      Matcher heading = fence ? null : HEADING.matcher(line);
      if (heading == null || !heading.matches()) {
        continue;
      }
      String text = LINK_TEXT.matcher(heading.group(2)).replaceAll("$1");
      String slug =
          text.toLowerCase(Locale.ROOT)
              .replace("`", "")
              .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
              .replace(' ', '-');
      int n = seen.containsKey(slug) ? seen.get(slug) : 0;
      seen.put(slug, n + 1);
      slugs.add(n == 0 ? slug : slug + "-" + n);
    }
    return slugs;
  }

  private static List<Path> markdownFiles() throws IOException {
    return textFiles().stream()
        .filter(p -> p.getFileName().toString().endsWith(".md"))
        .collect(Collectors.toList());
  }

  /** The repository's own files: no build output, no VCS data, no shipped third-party data. */
  private static List<Path> textFiles() throws IOException {
    try (Stream<Path> all = Files.walk(repo())) {
      return all.filter(Files::isRegularFile)
          .filter(p -> !skipped(repo().relativize(p)))
          .filter(p -> p.toFile().length() < 2_000_000)
          .collect(Collectors.toList());
    }
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("target")
          || name.startsWith(".")
          || name.equals("node_modules")
          || name.equals("dist")) {
        return true;
      }
    }
    String file = relative.getFileName().toString();
    // This test names what it forbids.
    return file.equals("DocsTest.java") || file.endsWith(".jar") || file.endsWith(".db");
  }

  private static Path repo() {
    return Paths.get(System.getProperty("tokenmeter.repo.dir", "..")).toAbsolutePath().normalize();
  }
}
