/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the {@code budgets:} list (YAML, or YAML flow text from {@code TOKENMETER_BUDGETS}) into
 * validated {@link BudgetDefinition}s; every error names the budget and the field.
 */
public final class BudgetConfigParser {
  static final List<BigDecimal> DEFAULT_RATIOS =
      List.of(new BigDecimal("0.75"), new BigDecimal("0.9"));
  private static final Set<String> FIELDS =
      Set.of("name", "scope", "subject", "period", "limit_usd", "warning_ratios");

  private BudgetConfigParser() {}

  /** Parses budgets whose scope is a built-in scope. */
  public static List<BudgetDefinition> parse(String yaml) {
    return parse(yaml, List.of());
  }

  /** Returns true when {@code key} names a built-in scope (global, service, ...). */
  public static boolean isBuiltInScope(String key) {
    return BudgetScope.builtIn(key) != null;
  }

  /**
   * Parses budgets whose scope is a built-in scope or one of {@code dimensions} (the keys of {@code
   * budgets_dimensions}).
   */
  public static List<BudgetDefinition> parse(String yaml, Collection<String> dimensions) {
    if (yaml == null || yaml.isBlank()) {
      return List.of();
    }
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new IllegalArgumentException("budgets: invalid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      return List.of();
    }
    if (!(root instanceof List<?> list)) {
      throw new IllegalArgumentException("budgets must be a list of budgets");
    }
    return parse(list, dimensions);
  }

  /** Parses the budgets list as the YAML loader read it from the config file. */
  static List<BudgetDefinition> parse(List<?> list, Collection<String> dimensions) {
    List<BudgetDefinition> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("budgets[" + i + "] must be a mapping");
      }
      BudgetDefinition b = budget(i, map, dimensions);
      if (!names.add(b.name())) {
        throw new IllegalArgumentException("budget '" + b.name() + "': name is used twice");
      }
      out.add(b);
    }
    return List.copyOf(out);
  }

  private static BudgetDefinition budget(int index, Map<?, ?> map, Collection<String> dimensions) {
    Object rawName = map.get("name");
    if (rawName == null || String.valueOf(rawName).isBlank()) {
      throw new IllegalArgumentException("budgets[" + index + "]: name is required");
    }
    String name = String.valueOf(rawName).trim();
    String where = "budget '" + name + "': ";
    for (Object key : map.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        throw new IllegalArgumentException(
            where + "unknown field '" + key + "' (allowed: " + String.join(", ", FIELDS) + ")");
      }
    }
    BudgetScope scope = BudgetScope.parse(text(map, "scope", where), dimensions);
    if (scope == null) {
      throw new IllegalArgumentException(
          where
              + "scope '"
              + map.get("scope")
              + "' is not global, service, provider, model, user, agent or a dimension listed in "
              + "budgets_dimensions");
    }
    String subject = subject(map, scope, where);
    BudgetPeriod period = BudgetPeriod.parse(text(map, "period", where));
    if (period == null) {
      throw new IllegalArgumentException(
          where + "period must be day, week or month, got '" + map.get("period") + "'");
    }
    BigDecimal limit = decimal(map.get("limit_usd"), where + "limit_usd");
    if (limit.signum() <= 0) {
      throw new IllegalArgumentException(
          where + "limit_usd must be > 0, got " + map.get("limit_usd"));
    }
    return new BudgetDefinition(name, scope, subject, period, limit, ratios(map, where));
  }

  private static String subject(Map<?, ?> map, BudgetScope scope, String where) {
    Object raw = map.get("subject");
    if (BudgetScope.GLOBAL.equals(scope)) {
      if (raw != null && !"*".equals(raw) && !BudgetScope.GLOBAL_SUBJECT.equals(raw)) {
        throw new IllegalArgumentException(where + "subject must be omitted for scope global");
      }
      return BudgetScope.GLOBAL_SUBJECT;
    }
    if (raw == null || String.valueOf(raw).isBlank()) {
      throw new IllegalArgumentException(
          where + "subject is required for scope " + scope.label() + " (a value, or '*')");
    }
    return String.valueOf(raw).trim();
  }

  private static List<BigDecimal> ratios(Map<?, ?> map, String where) {
    Object raw = map.get("warning_ratios");
    if (raw == null) {
      return DEFAULT_RATIOS;
    }
    List<?> list = raw instanceof List<?> l ? l : List.of(raw);
    if (list.isEmpty() || list.size() > 2) {
      throw new IllegalArgumentException(
          where + "warning_ratios must hold one or two ratios (warning, critical), got " + raw);
    }
    List<BigDecimal> ratios = new ArrayList<>();
    for (Object o : list) {
      BigDecimal r = decimal(o, where + "warning_ratios");
      if (r.signum() <= 0 || r.compareTo(BigDecimal.ONE) >= 0) {
        throw new IllegalArgumentException(
            where + "warning_ratios must be between 0 and 1 (exclusive), got " + o);
      }
      if (!ratios.isEmpty() && r.compareTo(ratios.get(0)) <= 0) {
        throw new IllegalArgumentException(where + "warning_ratios must ascend, got " + raw);
      }
      ratios.add(r);
    }
    return ratios;
  }

  private static String text(Map<?, ?> map, String field, String where) {
    Object v = map.get(field);
    if (v == null) {
      throw new IllegalArgumentException(where + field + " is required");
    }
    return String.valueOf(v).trim();
  }

  private static BigDecimal decimal(Object v, String what) {
    if (v == null) {
      throw new IllegalArgumentException(what + " is required");
    }
    try {
      return new BigDecimal(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be a number, got '" + v + "'");
    }
  }
}
