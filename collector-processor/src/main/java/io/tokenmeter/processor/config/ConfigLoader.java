/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Builds a {@link ProcessorConfig} from defaults, an optional YAML file and {@code TOKENMETER_*}
 * environment variables (environment wins over the file). Unknown keys and bad values fail here, at
 * start-up, never later.
 */
public final class ConfigLoader {
  private static final Pattern DIMENSION_KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");

  private ConfigLoader() {}

  public static ProcessorConfig load(Path yamlFile, Map<String, String> env) throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    if (yamlFile != null) {
      values.putAll(readYaml(yamlFile));
    }
    for (Setting s : Setting.values()) {
      String v = env.get(s.envVar());
      if (v != null) {
        values.put(s.key(), v);
      }
    }
    return fromParsed(values);
  }

  /**
   * Reads the file into flat keys; values are strings, except the budgets list, which stays as the
   * YAML loader read it so it is parsed once.
   */
  static Map<String, Object> readYaml(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
      Map<String, Object> flat = new LinkedHashMap<>();
      if (root != null) {
        if (!(root instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException(file + ": top level must be a mapping");
        }
        flatten("", map, flat, file);
      }
      return flat;
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new IllegalArgumentException(file + ": invalid YAML: " + e.getMessage(), e);
    }
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out, Path file) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      if (key.equals(Setting.BUDGETS.key()) && v instanceof List<?> budgets) {
        out.put(key, budgets);
      } else if (key.equals(Setting.BUDGETS_DIMENSIONS.key()) && v instanceof List<?> keys) {
        StringBuilder sb = new StringBuilder();
        keys.forEach(k -> sb.append(sb.length() == 0 ? "" : ",").append(k));
        out.put(key, sb.toString());
      } else if (key.equals(Setting.FORWARD_HEADERS.key()) && v instanceof Map<?, ?> headers) {
        StringBuilder sb = new StringBuilder();
        headers.forEach(
            (k, hv) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(hv));
        out.put(key, sb.toString());
      } else if (v instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, out, file);
      } else if (Setting.forKey(key) == null) {
        throw new IllegalArgumentException(file + ": unknown key '" + key + "'");
      } else if (v instanceof List<?>) {
        throw new IllegalArgumentException(file + ": key '" + key + "' must not be a list");
      } else {
        out.put(key, v == null ? "" : String.valueOf(v));
      }
    }
  }

  /** Returns the configuration of these flat keys (a YAML list of budgets as its text). */
  public static ProcessorConfig fromValues(Map<String, String> values) {
    return fromParsed(values);
  }

  private static ProcessorConfig fromParsed(Map<String, ?> values) {
    for (String key : values.keySet()) {
      if (Setting.forKey(key) == null) {
        throw new IllegalArgumentException("unknown configuration key '" + key + "'");
      }
    }
    Values v = new Values(values);
    return new ProcessorConfig(
        server(v),
        pricing(v),
        cardinality(v),
        sessions(v),
        forward(v),
        budgets(v),
        ledger(v),
        new ProcessorConfig.Api(v.string(Setting.API_AUTH_TOKEN)));
  }

  private static ProcessorConfig.Budgets budgets(Values v) {
    String zone = v.string(Setting.BUDGETS_TIME_ZONE);
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          Setting.BUDGETS_TIME_ZONE.key() + " must be an IANA time zone, got '" + zone + "'");
    }
    List<String> dimensions = dimensions(v.string(Setting.BUDGETS_DIMENSIONS));
    return new ProcessorConfig.Budgets(
        v.raw().get(Setting.BUDGETS.key()) instanceof List<?> parsed
            ? BudgetConfigParser.parse(parsed, dimensions)
            : BudgetConfigParser.parse(v.string(Setting.BUDGETS), dimensions),
        zoneId,
        v.positive(Setting.BUDGETS_MAX_SUBJECTS),
        Duration.ofSeconds(v.nonNegative(Setting.BUDGETS_RELOAD_INTERVAL_SECONDS)),
        dimensions);
  }

  /** Parses the comma-separated {@code budgets_dimensions} keys (a YAML list arrives joined). */
  private static List<String> dimensions(String spec) {
    Set<String> keys = new LinkedHashSet<>();
    for (String raw : spec.split(",")) {
      String key = raw.trim();
      if (key.isEmpty()) {
        continue;
      }
      String where = Setting.BUDGETS_DIMENSIONS.key() + ": dimension '" + key + "' ";
      if (!DIMENSION_KEY.matcher(key).matches()) {
        throw new IllegalArgumentException(
            where + "must consist of letters, digits, '_', '-' and '.'");
      }
      if (BudgetConfigParser.isBuiltInScope(key)) {
        throw new IllegalArgumentException(where + "clashes with the built-in scope of that name");
      }
      if (!keys.add(key)) {
        throw new IllegalArgumentException(where + "is listed twice");
      }
    }
    return List.copyOf(keys);
  }

  private static ProcessorConfig.Ledger ledger(Values v) {
    String path = v.string(Setting.LEDGER_PATH);
    String url = v.string(Setting.LEDGER_JDBC_URL);
    if (!url.isEmpty() && !url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          Setting.LEDGER_JDBC_URL.key() + " must start with jdbc:sqlite: or jdbc:postgresql:");
    }
    if (url.isEmpty() && path.isEmpty()) {
      throw new IllegalArgumentException(Setting.LEDGER_PATH.key() + " must not be empty");
    }
    return new ProcessorConfig.Ledger(
        v.bool(Setting.LEDGER_ENABLED),
        Path.of(path),
        url,
        Duration.ofMillis(v.positive(Setting.LEDGER_FLUSH_INTERVAL_MILLIS)),
        v.positive(Setting.LEDGER_RETENTION_DAYS),
        v.positive(Setting.LEDGER_MAX_PENDING_ROLLUPS));
  }

  private static ProcessorConfig.Server server(Values v) {
    return new ProcessorConfig.Server(
        v.string(Setting.SERVER_BIND_ADDRESS),
        v.port(Setting.SERVER_OTLP_HTTP_PORT),
        v.port(Setting.SERVER_OTLP_GRPC_PORT),
        v.port(Setting.SERVER_METRICS_PORT),
        v.positive(Setting.SERVER_MAX_REQUEST_BYTES),
        v.positive(Setting.SERVER_MAX_CONCURRENT_REQUESTS),
        v.nonNegative(Setting.SERVER_MAX_QUEUED_REQUESTS),
        v.string(Setting.SERVER_AUTH_TOKEN),
        v.positive(Setting.SERVER_RETRY_AFTER_SECONDS),
        Duration.ofSeconds(v.nonNegative(Setting.SERVER_SHUTDOWN_TIMEOUT_SECONDS)));
  }

  private static ProcessorConfig.Pricing pricing(Values v) {
    String file = v.string(Setting.PRICING_FILE);
    return new ProcessorConfig.Pricing(
        file.isEmpty() ? null : Path.of(file), v.bool(Setting.PRICING_REPRICE_ALL));
  }

  private static ProcessorConfig.Cardinality cardinality(Values v) {
    return new ProcessorConfig.Cardinality(
        v.nonNegative(Setting.CARDINALITY_MAX_USERS),
        v.nonNegative(Setting.CARDINALITY_MAX_AGENTS),
        v.nonNegative(Setting.CARDINALITY_MAX_SESSIONS));
  }

  private static ProcessorConfig.Sessions sessions(Values v) {
    return new ProcessorConfig.Sessions(
        v.positive(Setting.SESSIONS_MAX_TRACKED),
        Duration.ofSeconds(v.positive(Setting.SESSIONS_WINDOW_SECONDS)),
        Duration.ofSeconds(v.positive(Setting.SESSIONS_IDLE_SECONDS)));
  }

  private static ProcessorConfig.Forward forward(Values v) {
    String endpoint = v.string(Setting.FORWARD_ENDPOINT);
    URI uri = null;
    if (!endpoint.isEmpty()) {
      uri =
          URI.create(
              endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException(
            Setting.FORWARD_ENDPOINT.key() + " must be an http(s) URL: " + endpoint);
      }
    }
    return new ProcessorConfig.Forward(
        uri,
        v.positive(Setting.FORWARD_QUEUE_SIZE),
        v.positive(Setting.FORWARD_MAX_ATTEMPTS),
        Duration.ofMillis(v.nonNegative(Setting.FORWARD_INITIAL_BACKOFF_MILLIS)),
        Duration.ofSeconds(v.positive(Setting.FORWARD_TIMEOUT_SECONDS)),
        headers(v.string(Setting.FORWARD_HEADERS)));
  }

  private static Map<String, String> headers(String spec) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            Setting.FORWARD_HEADERS.key() + " must be name=value pairs separated by commas");
      }
      headers.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return Map.copyOf(headers);
  }

  private record Values(Map<String, ?> raw) {
    String string(Setting s) {
      Object v = raw.get(s.key());
      return (v == null ? s.defaultValue() : v.toString()).trim();
    }

    boolean bool(Setting s) {
      String v = string(s).toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw new IllegalArgumentException(s.key() + " must be true or false, got '" + v + "'");
      }
      return Boolean.parseBoolean(v);
    }

    int integer(Setting s) {
      try {
        return Integer.parseInt(string(s));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            s.key() + " must be an integer, got '" + string(s) + "'");
      }
    }

    int nonNegative(Setting s) {
      int v = integer(s);
      if (v < 0) {
        throw new IllegalArgumentException(s.key() + " must be >= 0, got " + v);
      }
      return v;
    }

    int positive(Setting s) {
      int v = integer(s);
      if (v <= 0) {
        throw new IllegalArgumentException(s.key() + " must be > 0, got " + v);
      }
      return v;
    }

    int port(Setting s) {
      int v = integer(s);
      if (v < 0 || v > 65535) {
        throw new IllegalArgumentException(s.key() + " must be a port 0..65535, got " + v);
      }
      return v;
    }
  }
}
