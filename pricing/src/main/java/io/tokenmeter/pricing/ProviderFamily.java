/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which catalog providers' rows may price a call, given the provider a span names.
 *
 * <p>Provider names are the {@code gen_ai.provider.name} values of the OpenTelemetry GenAI
 * conventions; older {@code gen_ai.system} spellings are accepted as aliases.
 */
final class ProviderFamily {
  static final String OPENAI = "openai";
  static final String AZURE_OPENAI = "azure.ai.openai";
  static final String ANTHROPIC = "anthropic";
  static final String BEDROCK = "aws.bedrock";
  static final String GEMINI = "gcp.gemini";
  static final String VERTEX_AI = "gcp.vertex_ai";
  static final String GOOGLE_GEN_AI = "gcp.gen_ai";
  static final String MISTRAL = "mistral_ai";

  /** Breaks ties between providers when the span names no provider that decides. */
  static final List<String> DEFAULT_ORDER =
      Collections.unmodifiableList(Arrays.asList(OPENAI, ANTHROPIC, GEMINI, MISTRAL, BEDROCK));

  private static final Map<String, String> ALIASES = new HashMap<>();
  private static final Map<String, List<String>> FAMILIES = new HashMap<>();

  static {
    alias(AZURE_OPENAI, "az.ai.openai", "azure", "azure_openai", "azure.openai");
    alias(BEDROCK, "aws_bedrock", "bedrock", "amazon_bedrock");
    alias(GEMINI, "gemini", "google", "google_genai", "google.gemini", "google_ai_studio");
    alias(VERTEX_AI, "vertex_ai", "vertexai", "vertex", "google_vertex_ai", "gcp.vertex");
    alias(MISTRAL, "mistralai", "mistral");

    family(OPENAI);
    family(AZURE_OPENAI, OPENAI);
    family(ANTHROPIC);
    family(BEDROCK);
    family(GEMINI);
    // Vertex AI serves Gemini at Gemini API prices, and Claude and Mistral models at their
    // vendors'.
    family(VERTEX_AI, GEMINI, ANTHROPIC, MISTRAL);
    family(GOOGLE_GEN_AI, GEMINI, ANTHROPIC, MISTRAL);
    family(MISTRAL);
  }

  private ProviderFamily() {}

  private static void alias(String canonical, String... aliases) {
    for (String alias : aliases) {
      ALIASES.put(alias, canonical);
    }
  }

  private static void family(String provider, String... alsoPricedBy) {
    List<String> family = new ArrayList<>();
    family.add(provider);
    family.addAll(Arrays.asList(alsoPricedBy));
    FAMILIES.put(provider, Collections.unmodifiableList(family));
  }

  /** Returns the provider name in lower case, with older spellings mapped to the current one. */
  static String canonical(String provider) {
    String lower = provider.trim().toLowerCase(Locale.ROOT);
    String canonical = ALIASES.get(lower);
    return canonical != null ? canonical : lower;
  }

  static boolean isKnown(String canonicalProvider) {
    return FAMILIES.containsKey(canonicalProvider);
  }

  /**
   * Returns the catalog provider of a Bedrock model id's vendor prefix, such as {@code anthropic.}.
   */
  static String ofBedrockVendor(String vendor) {
    switch (vendor) {
      case "anthropic":
        return ANTHROPIC;
      case "openai":
        return OPENAI;
      case "mistral":
        return MISTRAL;
      case "amazon":
      case "meta":
        return BEDROCK; // sold only through Bedrock, so priced by its rows
      default:
        return vendor;
    }
  }

  /**
   * Returns the providers whose rows may price the call, most preferred first.
   *
   * <p>A known provider searches its own family, then the vendor the model name's prefix named. An
   * unknown or absent provider, and Bedrock without a vendor prefix, search every provider in the
   * catalog after that.
   */
  static List<String> searchOrder(
      String provider, String vendor, Collection<String> catalogProvidersInOrder) {
    Set<String> order = new LinkedHashSet<>();
    String canonical = provider == null || provider.trim().isEmpty() ? null : canonical(provider);
    List<String> family = canonical == null ? null : FAMILIES.get(canonical);
    if (canonical != null) {
      order.add(canonical); // an unknown provider may still have rows of its own, from an override
    }
    if (family != null) {
      order.addAll(family);
    }
    if (vendor != null) {
      order.add(vendor);
    }
    if (family == null || (canonical.equals(BEDROCK) && vendor == null)) {
      order.addAll(catalogProvidersInOrder);
    }
    return new ArrayList<>(order);
  }

  /** Returns the providers in tie-breaking order: {@link #DEFAULT_ORDER}, then alphabetical. */
  static List<String> inDefaultOrder(Collection<String> providers) {
    List<String> ordered = new ArrayList<>();
    for (String known : DEFAULT_ORDER) {
      if (providers.contains(known)) {
        ordered.add(known);
      }
    }
    List<String> others = new ArrayList<>(providers);
    others.removeAll(DEFAULT_ORDER);
    Collections.sort(others);
    ordered.addAll(others);
    return ordered;
  }
}
