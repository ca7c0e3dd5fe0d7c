/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.pricing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A requested model id reduced to the form catalog rows use, the vendor its prefixes named, and the
 * names it may be priced as.
 *
 * <p>{@code openai/gpt-4o} becomes {@code gpt-4o} with vendor {@code openai}; {@code
 * us.anthropic.claude-3-5-haiku-20241022-v1:0} (a Bedrock cross-region inference profile) becomes
 * {@code claude-3-5-haiku-20241022-v1:0} with vendor {@code anthropic}, and may be priced as {@code
 * claude-3-5-haiku-20241022} (without its Bedrock version) or {@code claude-3-5-haiku} (without its
 * date). No other suffix is ever removed: {@code gpt-3.5-turbo-1106} is priced as itself or not at
 * all.
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
  private final boolean bedrockId;

  private ModelName(String name, String vendor, boolean bedrockId) {
    this.name = name;
    this.vendor = vendor;
    this.bedrockId = bedrockId;
  }

  static ModelName parse(String requested) {
    String name = requested.trim().toLowerCase(Locale.ROOT);
    String vendor = null;
    boolean bedrockId = false;
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      vendor = vendorInPath(name.substring(0, slash));
      name = name.substring(slash + 1);
    }
    if (BEDROCK_REGIONS.contains(dottedPrefix(name))) {
      name = name.substring(name.indexOf('.') + 1);
      bedrockId = true;
    }
    String bedrockVendor = dottedPrefix(name);
    if (BEDROCK_VENDORS.contains(bedrockVendor)) {
      vendor = ProviderFamily.ofBedrockVendor(bedrockVendor);
      name = name.substring(bedrockVendor.length() + 1);
      bedrockId = true;
    }
    return new ModelName(name, vendor, bedrockId);
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

  /**
   * Returns the names this model may be priced as, most specific first: the name itself; for a
   * Bedrock model id (one with a region or vendor prefix, or called through Bedrock) the name
   * without its model version ({@code :0}, then {@code -v1:0}); and each of those without a full
   * snapshot date ({@code -2024-08-06}, {@code -20250514}, {@code @20250929}).
   */
  List<String> candidates(boolean calledThroughBedrock) {
    if (name.isEmpty()) {
      return Collections.emptyList();
    }
    List<String> names = new ArrayList<>(4);
    names.add(name);
    if (bedrockId || calledThroughBedrock) {
      addIfNew(names, withoutBedrockVersionNumber(name));
      addIfNew(names, withoutBedrockVersion(name));
    }
    for (int i = 0, versions = names.size(); i < versions; i++) {
      addIfNew(names, withoutDate(names.get(i)));
    }
    return names;
  }

  private static void addIfNew(List<String> names, String name) {
    if (name != null && !name.isEmpty() && !names.contains(name)) {
      names.add(name);
    }
  }

  /** {@code titan-embed-text-v2:0} without {@code :0}, or null. */
  static String withoutBedrockVersionNumber(String name) {
    int digits = trailingDigits(name, name.length());
    int colon = name.length() - digits - 1;
    return digits > 0 && colon > 0 && name.charAt(colon) == ':' ? name.substring(0, colon) : null;
  }

  /**
   * {@code nova-pro-v1:0} without {@code -v1:0}, or null. A bare {@code -v1} stays: Amazon's ids
   * use it as part of the model's name ({@code titan-embed-text-v1}, {@code titan-embed-text-v2}).
   */
  static String withoutBedrockVersion(String name) {
    int end = name.length();
    int minor = trailingDigits(name, end);
    end -= minor + 1;
    if (minor == 0 || end < 1 || name.charAt(end) != ':') {
      return null;
    }
    int major = trailingDigits(name, end);
    end -= major;
    if (major == 0 || end < 2 || name.charAt(end - 1) != 'v' || name.charAt(end - 2) != '-') {
      return null;
    }
    return name.substring(0, end - 2);
  }

  /**
   * {@code gpt-4o-2024-08-06}, {@code claude-opus-4-20250514} or {@code claude-opus-4@20250514}
   * without the date, or null. Only full dates count: {@code gpt-3.5-turbo-1106} keeps its {@code
   * -1106}.
   */
  static String withoutDate(String name) {
    int n = name.length();
    if (n > 11
        && name.charAt(n - 11) == '-'
        && name.charAt(n - 6) == '-'
        && name.charAt(n - 3) == '-'
        && isDate(
            name.substring(n - 10, n - 6) + name.substring(n - 5, n - 3) + name.substring(n - 2))) {
      return name.substring(0, n - 11);
    }
    if (n > 9
        && (name.charAt(n - 9) == '-' || name.charAt(n - 9) == '@')
        && isDate(name.substring(n - 8))) {
      return name.substring(0, n - 9);
    }
    return null;
  }

  /** Whether eight characters are a date {@code YYYYMMDD} of this century. */
  private static boolean isDate(String yyyymmdd) {
    if (trailingDigits(yyyymmdd, 8) != 8 || !yyyymmdd.startsWith("20")) {
      return false;
    }
    int month = Integer.parseInt(yyyymmdd.substring(4, 6));
    int day = Integer.parseInt(yyyymmdd.substring(6, 8));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  private static int trailingDigits(String s, int end) {
    int start = end;
    while (start > 0 && s.charAt(start - 1) >= '0' && s.charAt(start - 1) <= '9') {
      start--;
    }
    return end - start;
  }
}
