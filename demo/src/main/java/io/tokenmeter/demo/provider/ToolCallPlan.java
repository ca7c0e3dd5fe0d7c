/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.demo.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** The single tool call a fake model makes when the request offers tools and allows their use. */
record ToolCallPlan(String id, String name, ObjectNode arguments) {

  String argumentsJson() {
    return new String(JsonReply.bytes(arguments), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Chat Completions: {@code tools[].function}, {@code tool_choice} "none" | "auto" | "required" |
   * object.
   */
  static ToolCallPlan forOpenAiChat(JsonNode body) {
    JsonNode tools = body.path("tools");
    JsonNode choice = body.path("tool_choice");
    if (!tools.isArray()
        || tools.isEmpty()
        || "none".equals(choice.asText())
        || answersOpenAiToolResult(body)) {
      return null;
    }
    String chosen = choice.path("function").path("name").asText(null);
    JsonNode tool = find(tools, chosen, t -> t.path("function").path("name").asText());
    JsonNode function = tool.path("function");
    String name = function.path("name").asText(tool.path("name").asText("tool"));
    return new ToolCallPlan(FakeContent.toolCallId(), name, arguments(function.path("parameters")));
  }

  /**
   * Messages API: {@code tools[].input_schema}, {@code tool_choice.type} "auto" | "any" | "tool" |
   * "none".
   */
  static ToolCallPlan forAnthropic(JsonNode body) {
    JsonNode tools = body.path("tools");
    JsonNode choice = body.path("tool_choice");
    if (!tools.isArray()
        || tools.isEmpty()
        || "none".equals(choice.path("type").asText())
        || answersAnthropicToolResult(body)) {
      return null;
    }
    String chosen = choice.path("name").asText(null);
    JsonNode tool = find(tools, chosen, t -> t.path("name").asText());
    String name = tool.path("name").asText("tool");
    return new ToolCallPlan(FakeContent.toolUseId(), name, arguments(tool.path("input_schema")));
  }

  /** A model that has just been given a tool's result answers in text, as real ones do. */
  private static boolean answersOpenAiToolResult(JsonNode body) {
    JsonNode messages = body.path("messages");
    return messages.isArray()
        && !messages.isEmpty()
        && "tool".equals(messages.get(messages.size() - 1).path("role").asText());
  }

  private static boolean answersAnthropicToolResult(JsonNode body) {
    JsonNode messages = body.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      return false;
    }
    JsonNode content = messages.get(messages.size() - 1).path("content");
    if (content.isArray()) {
      for (JsonNode block : content) {
        if ("tool_result".equals(block.path("type").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static JsonNode find(
      JsonNode tools, String name, java.util.function.Function<JsonNode, String> nameOf) {
    if (name != null) {
      for (JsonNode tool : tools) {
        if (name.equals(nameOf.apply(tool))) {
          return tool;
        }
      }
    }
    return tools.get(0);
  }

  /**
   * Fills the schema's required properties (all properties when none are required) with example
   * values.
   */
  private static ObjectNode arguments(JsonNode schema) {
    ObjectNode arguments = JsonReply.object();
    JsonNode properties = schema.path("properties");
    JsonNode required = schema.path("required");
    Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (required.isArray() && !required.isEmpty() && !contains(required, field.getKey())) {
        continue;
      }
      switch (field.getValue().path("type").asText()) {
        case "integer" -> arguments.put(field.getKey(), 1);
        case "number" -> arguments.put(field.getKey(), 1.5);
        case "boolean" -> arguments.put(field.getKey(), true);
        case "array" -> arguments.putArray(field.getKey());
        case "object" -> arguments.putObject(field.getKey());
        default -> arguments.put(field.getKey(), "example");
      }
    }
    return arguments;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode element : array) {
      if (value.equals(element.asText())) {
        return true;
      }
    }
    return false;
  }
}
