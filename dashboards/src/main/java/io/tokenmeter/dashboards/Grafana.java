/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static io.tokenmeter.contract.PrometheusFamilies.REQUESTS_TOTAL;
import static io.tokenmeter.contract.PrometheusLabels.MODEL;
import static io.tokenmeter.contract.PrometheusLabels.PROVIDER;
import static io.tokenmeter.contract.PrometheusLabels.SERVICE;
import static io.tokenmeter.dashboards.Json.obj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few Grafana building blocks the dashboards are made of; everything else is data. */
final class Grafana {
  static final int SCHEMA_VERSION = 39;
  static final Map<String, Object> DATASOURCE = obj("type", "prometheus", "uid", "${datasource}");

  /** USD per hour, for spend rates (queries multiply a per-second rate by 3600). */
  static final String USD_PER_HOUR = "suffix: USD/h";

  private Grafana() {}

  static Map<String, Object> dashboard(
      String uid,
      String title,
      String description,
      List<Map<String, Object>> variables,
      List<Map<String, Object>> panels) {
    return obj(
        "annotations",
        obj(
            "list",
            List.of(
                obj(
                    "builtIn",
                    1,
                    "datasource",
                    obj("type", "grafana", "uid", "-- Grafana --"),
                    "enable",
                    true,
                    "hide",
                    true,
                    "iconColor",
                    "rgba(0, 211, 255, 1)",
                    "name",
                    "Annotations & Alerts",
                    "type",
                    "dashboard"))),
        "description",
        description,
        "editable",
        true,
        "fiscalYearStartMonth",
        0,
        "graphTooltip",
        1,
        "id",
        null,
        "links",
        links(uid),
        "panels",
        layout(panels),
        "refresh",
        "1m",
        "schemaVersion",
        SCHEMA_VERSION,
        "tags",
        List.of("tokenmeter", "llm", "cost"),
        "templating",
        obj("list", variables),
        "time",
        obj("from", "now-24h", "to", "now"),
        "timepicker",
        obj(),
        "timezone",
        "",
        "title",
        title,
        "uid",
        uid,
        "version",
        1,
        "weekStart",
        "");
  }

  /** Links to the other four dashboards, keeping the time range and the variables. */
  private static List<Map<String, Object>> links(String self) {
    List<Map<String, Object>> links = new ArrayList<>();
    for (DashboardGenerator.Entry entry : DashboardGenerator.ENTRIES) {
      if (!entry.uid().equals(self)) {
        links.add(
            obj(
                "asDropdown",
                false,
                "icon",
                "dashboard",
                "includeVars",
                true,
                "keepTime",
                true,
                "tags",
                List.of(),
                "targetBlank",
                false,
                "title",
                entry.title(),
                "tooltip",
                "Open " + entry.title() + " with the same time range and variables",
                "type",
                "link",
                "url",
                "/d/" + entry.uid()));
      }
    }
    return links;
  }

  /** Places panels left to right in rows of 24 columns and numbers them. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> layout(List<Map<String, Object>> panels) {
    int x = 0;
    int y = 0;
    int rowHeight = 0;
    int id = 1;
    for (Map<String, Object> panel : panels) {
      Map<String, Object> grid = (Map<String, Object>) panel.get("gridPos");
      int w = (Integer) grid.get("w");
      int h = (Integer) grid.get("h");
      if (x + w > 24) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      panel.put("gridPos", obj("h", h, "w", w, "x", x, "y", y));
      panel.put("id", id++);
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    return panels;
  }

  static Map<String, Object> timeseries(
      String title, String description, String unit, Query... queries) {
    Map<String, Object> panel = panel("timeseries", title, description, unit, 12, 8, queries);
    panel.put(
        "options",
        obj(
            "legend",
                obj(
                    "calcs",
                    List.of("mean", "max"),
                    "displayMode",
                    "table",
                    "placement",
                    "bottom",
                    "showLegend",
                    true),
            "tooltip", obj("mode", "multi", "sort", "desc")));
    return panel;
  }

  static Map<String, Object> stat(String title, String description, String unit, Query... queries) {
    Map<String, Object> panel = panel("stat", title, description, unit, 4, 4, queries);
    panel.put(
        "options",
        obj(
            "colorMode", "value",
            "graphMode", "none",
            "justifyMode", "auto",
            "orientation", "auto",
            "reduceOptions", obj("calcs", List.of("lastNotNull"), "fields", "", "values", false),
            "textMode", "auto"));
    return panel;
  }

  static Map<String, Object> bargauge(
      String title, String description, String unit, Query... queries) {
    Map<String, Object> panel = panel("bargauge", title, description, unit, 12, 8, queries);
    panel.put(
        "options",
        obj(
            "displayMode",
            "gradient",
            "orientation",
            "horizontal",
            "reduceOptions",
            obj("calcs", List.of("lastNotNull"), "fields", "", "values", false),
            "showUnfilled",
            true));
    return panel;
  }

  /**
   * A table of instant queries merged on their labels: each query becomes one column named by its
   * legend, with its own unit.
   */
  static Map<String, Object> table(
      String title, String description, String unit, Query... queries) {
    Map<String, Object> panel = panel("table", title, description, unit, 24, 8, queries);
    Map<String, Object> rename = new LinkedHashMap<>();
    for (int i = 0; i < queries.length; i++) {
      rename.put(queries.length == 1 ? "Value" : "Value #" + refId(i), queries[i].legend());
      if (queries[i].unit() != null) {
        override(panel, queries[i].legend(), "unit", queries[i].unit());
      }
    }
    panel.put(
        "options",
        obj(
            "cellHeight",
            "sm",
            "footer",
            obj("show", false),
            "showHeader",
            true,
            "sortBy",
            List.of(obj("desc", true, "displayName", queries[0].legend()))));
    panel.put(
        "transformations",
        List.of(
            obj("id", "merge", "options", obj()),
            obj(
                "id",
                "organize",
                "options",
                obj("excludeByName", obj("Time", true), "renameByName", rename))));
    return panel;
  }

  private static Map<String, Object> panel(
      String type, String title, String description, String unit, int w, int h, Query... queries) {
    List<Map<String, Object>> targets = new ArrayList<>();
    for (int i = 0; i < queries.length; i++) {
      Query q = queries[i];
      boolean instant = q.instant() || type.equals("table");
      targets.add(
          obj(
              "datasource",
              DATASOURCE,
              "editorMode",
              "code",
              "expr",
              q.expr(),
              "format",
              type.equals("table") ? "table" : "time_series",
              "instant",
              instant,
              "legendFormat",
              q.legend() == null ? "__auto" : q.legend(),
              "range",
              !instant,
              "refId",
              refId(i)));
    }
    return obj(
        "datasource", DATASOURCE,
        "description", description,
        "fieldConfig", obj("defaults", defaults(unit), "overrides", new ArrayList<>()),
        "gridPos", obj("h", h, "w", w),
        "targets", targets,
        "title", title,
        "type", type);
  }

  /**
   * No fixed decimals: Grafana's automatic ones show each value's significant digits, so a cost of
   * 0.0003 USD per request reads $0.000300, not $0.00.
   */
  private static Map<String, Object> defaults(String unit) {
    Map<String, Object> defaults = obj("unit", unit);
    defaults.put(
        "thresholds",
        obj("mode", "absolute", "steps", List.of(obj("color", "green", "value", null))));
    return defaults;
  }

  private static String refId(int i) {
    return String.valueOf((char) ('A' + i));
  }

  static Map<String, Object> size(Map<String, Object> panel, int w, int h) {
    panel.put("gridPos", obj("h", h, "w", w));
    return panel;
  }

  /** Shows the panel over its own relative range, e.g. {@code now/d} for "today so far". */
  static Map<String, Object> timeFrom(Map<String, Object> panel, String relative) {
    panel.put("timeFrom", relative);
    return panel;
  }

  /** Colour steps: green below the first value, then each value with its colour. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> thresholds(Map<String, Object> panel, Object... valueAndColor) {
    List<Map<String, Object>> steps =
        new ArrayList<>(List.of(obj("color", "green", "value", null)));
    for (int i = 0; i < valueAndColor.length; i += 2) {
      steps.add(obj("color", valueAndColor[i + 1], "value", valueAndColor[i]));
    }
    Map<String, Object> fieldConfig = (Map<String, Object>) panel.get("fieldConfig");
    Map<String, Object> defaults = (Map<String, Object>) fieldConfig.get("defaults");
    defaults.put("thresholds", obj("mode", "absolute", "steps", steps));
    return panel;
  }

  /**
   * The scale of a gauge or bar gauge, so that one subject far past the rest does not squash them.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> scale(Map<String, Object> panel, double min, double max) {
    Map<String, Object> fieldConfig = (Map<String, Object>) panel.get("fieldConfig");
    Map<String, Object> defaults = (Map<String, Object>) fieldConfig.get("defaults");
    defaults.put("min", min);
    defaults.put("max", max);
    return panel;
  }

  /** Names and colours for the values of one table column, shown as coloured text. */
  static Map<String, Object> valueNames(
      Map<String, Object> panel, String field, Object... valueTextColor) {
    Map<String, Object> options = new LinkedHashMap<>();
    for (int i = 0; i < valueTextColor.length; i += 3) {
      options.put(
          String.valueOf(valueTextColor[i]),
          obj("color", valueTextColor[i + 2], "index", i / 3, "text", valueTextColor[i + 1]));
    }
    override(panel, field, "mappings", List.of(obj("options", options, "type", "value")));
    return override(panel, field, "custom.cellOptions", obj("type", "color-text"));
  }

  /** A link on the cells of one table column (field); the URL may use ${__data.fields.NAME}. */
  static Map<String, Object> dataLink(
      Map<String, Object> panel, String field, String title, String url) {
    return override(
        panel, field, "links", List.of(obj("targetBlank", false, "title", title, "url", url)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> override(
      Map<String, Object> panel, String field, String property, Object value) {
    List<Map<String, Object>> overrides =
        (List<Map<String, Object>>)
            ((Map<String, Object>) panel.get("fieldConfig")).get("overrides");
    overrides.add(
        obj(
            "matcher", obj("id", "byName", "options", field),
            "properties", List.of(obj("id", property, "value", value))));
    return panel;
  }

  static Map<String, Object> datasourceVariable(String name, String label, String pluginId) {
    return obj(
        "current",
        obj(),
        "hide",
        0,
        "includeAll",
        false,
        "label",
        label,
        "multi",
        false,
        "name",
        name,
        "options",
        List.of(),
        "query",
        pluginId,
        "refresh",
        1,
        "regex",
        "",
        "type",
        "datasource");
  }

  /** A multi-value query variable over label_values(...); "All" matches every value with ".*". */
  static Map<String, Object> variable(String name, String label, String labelValuesQuery) {
    return obj(
        "allValue",
        ".*",
        "current",
        obj("selected", true, "text", List.of("All"), "value", List.of("$__all")),
        "datasource",
        DATASOURCE,
        "definition",
        labelValuesQuery,
        "hide",
        0,
        "includeAll",
        true,
        "label",
        label,
        "multi",
        true,
        "name",
        name,
        "options",
        List.of(),
        "query",
        obj(
            "qryType",
            1,
            "query",
            labelValuesQuery,
            "refId",
            "PrometheusVariableQueryEditor-VariableQuery"),
        "refresh",
        2,
        "regex",
        "",
        "sort",
        1,
        "type",
        "query");
  }

  /**
   * The datasource, service and model variables over a family without a provider label (the user
   * families), for dashboards whose panels filter by service and model only.
   */
  static List<Map<String, Object>> serviceAndModelVariables(String family) {
    return new ArrayList<>(
        List.of(
            datasourceVariable("datasource", "Data source", "prometheus"),
            variable("service", "Service", "label_values(" + family + ", " + SERVICE + ")"),
            variable(
                "model",
                "Model",
                "label_values(" + family + "{" + SERVICE + "=~\"$service\"}, " + MODEL + ")")));
  }

  /** The datasource, service, provider and model variables of the dashboards over call metrics. */
  static List<Map<String, Object>> commonVariables() {
    return new ArrayList<>(
        List.of(
            datasourceVariable("datasource", "Data source", "prometheus"),
            variable("service", "Service", "label_values(" + REQUESTS_TOTAL + ", " + SERVICE + ")"),
            variable(
                "provider",
                "Provider",
                "label_values("
                    + REQUESTS_TOTAL
                    + "{"
                    + SERVICE
                    + "=~\"$service\"}, "
                    + PROVIDER
                    + ")"),
            variable(
                "model",
                "Model",
                "label_values("
                    + REQUESTS_TOTAL
                    + "{"
                    + SERVICE
                    + "=~\"$service\", "
                    + PROVIDER
                    + "=~\"$provider\"}, "
                    + MODEL
                    + ")")));
  }
}
