/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A requested model name reduced to the form catalog rows use, and the vendor its prefixes named.
 *
 * <p>{@code openai/gpt-4o} becomes {@code gpt-4o} with vendor {@code openai}; {@code
 * us.anthropic.claude-3-5-haiku-20241022-v1:0} (a Bedrock cross-region inference profile) becomes
 * {@code claude-3-5-haiku-20241022-v1:0} with vendor {@code anthropic}.
 */
final class ModelName {
  private static final Set<String> BEDROCK_REGIONS =
      new HashSet<>(Arrays.asList("us", "eu", "apac", "us-gov", "global", "jp", "au", "ca"));
  private static final Set<String> BEDROCK_VENDORS =
      new HashSet<>(
          Arrays.asList(
              "anthropic", "meta", "amazon", "mistral", "cohere", "ai21", "deepseek", "openai"));

  private final String name;
  private final String vendor;

  private ModelName(String name, String vendor) {
    this.name = name;
    this.vendor = vendor;
  }

  static ModelName parse(String requested) {
    String name = requested.trim().toLowerCase(Locale.ROOT);
    String vendor = null;
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      vendor = vendorInPath(name.substring(0, slash));
      name = name.substring(slash + 1);
    }
    if (BEDROCK_REGIONS.contains(dottedPrefix(name))) {
      name = name.substring(name.indexOf('.') + 1);
    }
    String bedrockVendor = dottedPrefix(name);
    if (BEDROCK_VENDORS.contains(bedrockVendor)) {
      vendor = ProviderFamily.ofBedrockVendor(bedrockVendor);
      name = name.substring(bedrockVendor.length() + 1);
    }
    return new ModelName(name, vendor);
  }

  /**
   * Returns the text before the first dot when something follows the dot, else the empty string.
   */
  private static String dottedPrefix(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && dot < name.length() - 1 ? name.substring(0, dot) : "";
  }

  /**
   * Returns the first path segment that names a known provider, as in {@code
   * google/gemini-2.5-pro}.
   */
  private static String vendorInPath(String path) {
    for (String segment : path.split("/")) {
      String provider = ProviderFamily.canonical(segment);
      if (ProviderFamily.isKnown(provider)) {
        return provider;
      }
    }
    return null;
  }

  /** Returns the model name without provider, region and vendor prefixes, lower case. */
  String name() {
    return name;
  }

  /** Returns the canonical provider that a prefix named, or null when none did. */
  String vendor() {
    return vendor;
  }
}
