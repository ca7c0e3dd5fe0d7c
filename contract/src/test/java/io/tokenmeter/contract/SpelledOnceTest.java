/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every name of the contract is spelled once, in this module: main code elsewhere takes it from the
 * constants, so a rename is one edit and a typo does not compile.
 */
class SpelledOnceTest {
  private static final List<Class<?>> CONSTANTS =
      Arrays.asList(
          GenAiAttributes.class,
          LegacyGenAiAttributes.class,
          VendorAttributes.class,
          OtelAttributes.class,
          TokenmeterAttributes.class,
          AgentMetricNames.class,
          PrometheusFamilies.class,
          PrometheusLabels.class);

  /** The modules whose main code must take contract names from the contract. */
  private static final List<String> MODULES =
      Arrays.asList(
          "pricing",
          "agent-extension",
          "collector-processor",
          "dashboards",
          "demo",
          "testing",
          "benchmarks");

  /** Modules that build PromQL, where a literal must not contain a name as a whole word either. */
  private static final List<String> PROMQL_MODULES = Collections.singletonList("dashboards");

  /** Tells PromQL apart from titles and descriptions, where label names are ordinary words. */
  private static final Pattern PROMQL =
      Pattern.compile("[{}]|\\bby \\(|\\bon \\(|without \\(|=~|!~|=\"|!=|\\$__|label_values\\(");

  /** Grafana's own interpolations, <code>${__data.fields.x}</code> and {@code $__range}. */
  private static final Pattern GRAFANA_INTERPOLATION = Pattern.compile("\\$\\{[^}]*}?|\\$__\\w+");

  /** Label names that are plain words are checked only in PromQL; elsewhere they are English. */
  private static final Pattern PLAIN_WORD = Pattern.compile("[a-z]+");

  private static final Pattern WORD_CHAR = Pattern.compile("[A-Za-z0-9_]");

  /** What may follow a family name in a series name: the histogram's own series. */
  private static final List<String> SERIES_SUFFIXES = Arrays.asList("_bucket", "_sum", "_count");

  @Test
  void noConstantIsSpelledTwiceInTheContract() {
    Map<String, List<String>> byValue =
        constants().entrySet().stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getValue,
                    Collectors.mapping(Map.Entry::getKey, Collectors.toList())));

    assertThat(byValue.values()).allSatisfy(names -> assertThat(names).hasSize(1));
  }

  @Test
  void mainCodeOutsideTheContractTakesEveryNameFromIt() throws IOException {
    Map<String, String> constants = constants();
    List<String> spelled = new ArrayList<>();
    for (String module : MODULES) {
      Path sources = repo().resolve(module).resolve("src/main/java");
      assertThat(sources).as("sources of %s", module).isDirectory();
      for (Path file : javaFiles(sources)) {
        String relative = repo().relativize(file).toString().replace('\\', '/');
        boolean promQl = PROMQL_MODULES.contains(module);
        String source = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        for (JavaStringLiterals.Literal literal : JavaStringLiterals.of(source)) {
          for (Map.Entry<String, String> constant : constants.entrySet()) {
            if (spells(literal.value, constant.getValue(), promQl)) {
              spelled.add(
                  relative
                      + ":"
                      + literal.line
                      + " spells \""
                      + constant.getValue()
                      + "\"; use "
                      + constant.getKey());
            }
          }
        }
      }
    }

    assertThat(spelled).isEmpty();
  }

  @Test
  void findsANameSpelledAsALiteralOrAsAWordOfPromQl() {
    assertThat(spells("gen_ai.usage.input_tokens", "gen_ai.usage.input_tokens", false)).isTrue();
    assertThat(spells("gen_ai.usage.input_tokens_x", "gen_ai.usage.input_tokens", false)).isFalse();
    assertThat(spells("sum(rate(tokenmeter_requests_total{", "tokenmeter_requests_total", true))
        .isTrue();
    assertThat(spells("rate(tokenmeter_requests_total{", "tokenmeter_requests_total", false))
        .isFalse();
    assertThat(spells("x_tokenmeter_requests_total", "tokenmeter_requests_total", true)).isFalse();
    assertThat(
            spells(
                "tokenmeter_request_duration_seconds_bucket{",
                "tokenmeter_request_duration_seconds",
                true))
        .isTrue();
    assertThat(spells("a:tokenmeter_budget_spent_usd:max", "tokenmeter_budget_spent_usd", true))
        .isTrue();
    assertThat(spells("sum by (model) (x)", "model", true)).isTrue();
    assertThat(spells("{{model}}", "model", true)).isTrue();
    assertThat(spells("Spend by model", "model", true)).isFalse();
    assertThat(spells("Traces of session ${__data.fields.", "session", true)).isFalse();
    assertThat(spells("{model=~\"$model\"}", "model", true)).isTrue();
    assertThat(spells("{x=~\"$model\"} ${model:queryparam}", "model", true)).isFalse();
    assertThat(spells("{ span.session.id = 1 }", "session.id", true)).isTrue();
    assertThat(spells("{ span.session.id = 1 }", "session", true)).isFalse();
    assertThat(spells("model", "model", false)).isFalse();
  }

  static boolean spells(String literal, String name, boolean promQlModule) {
    boolean plainWord = PLAIN_WORD.matcher(name).matches();
    if (!plainWord && literal.equals(name)) {
      return true;
    }
    if (!promQlModule || (plainWord && !isPromQl(literal))) {
      return false;
    }
    for (int at = literal.indexOf(name); at >= 0; at = literal.indexOf(name, at + 1)) {
      if (startsWord(literal, at) && endsWord(literal, at + name.length())) {
        return true;
      }
    }
    return false;
  }

  /** A name right after {@code $} or <code>${</code> is a Grafana variable, not a label. */
  private static boolean startsWord(String literal, int at) {
    if (at == 0) {
      return true;
    }
    char before = literal.charAt(at - 1);
    boolean variable = before == '$' || (before == '{' && at >= 2 && literal.charAt(at - 2) == '$');
    return !variable && (before == '.' || !isWordChar(literal, at - 1));
  }

  private static boolean isPromQl(String literal) {
    return PROMQL.matcher(GRAFANA_INTERPOLATION.matcher(literal).replaceAll("")).find();
  }

  private static boolean endsWord(String literal, int end) {
    for (String suffix : SERIES_SUFFIXES) {
      if (literal.startsWith(suffix, end) && !isWordChar(literal, end + suffix.length())) {
        return true;
      }
    }
    return !isWordChar(literal, end);
  }

  /** A dot joins a name to what follows it, except at the end of a sentence. */
  private static boolean isWordChar(String s, int i) {
    if (i < 0 || i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    if (c == '.') {
      return isWordChar(s, i - 1) && isWordChar(s, i + 1) && s.charAt(i + 1) != '.';
    }
    return WORD_CHAR.matcher(String.valueOf(c)).matches();
  }

  /** Returns the value of every contract constant by its name, {@code Class.FIELD}. */
  static Map<String, String> constants() {
    Map<String, String> constants = new HashMap<>();
    for (Class<?> type : CONSTANTS) {
      for (Field field : type.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isPublic(modifiers)
            && Modifier.isStatic(modifiers)
            && Modifier.isFinal(modifiers)
            && field.getType() == String.class) {
          try {
            constants.put(type.getSimpleName() + "." + field.getName(), (String) field.get(null));
          } catch (IllegalAccessException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
    return constants;
  }

  private static Path repo() {
    String dir = System.getProperty("tokenmeter.repo.dir");
    assertThat(dir).as("system property tokenmeter.repo.dir, set by surefire").isNotNull();
    return Paths.get(dir).toAbsolutePath().normalize();
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
