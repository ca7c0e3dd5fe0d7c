/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenmeter.contract.PrometheusFamilies;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcessorMetricNamesTest {
  /** The processor's histograms; Prometheus exposes each as three series. */
  private static final Set<String> HISTOGRAMS =
      Set.of(
          PrometheusFamilies.REQUEST_DURATION_SECONDS,
          PrometheusFamilies.TIME_TO_FIRST_TOKEN_SECONDS);

  @Test
  void listsEveryFamilyOfTheContractAsPrometheusExposesIt() throws IllegalAccessException {
    Set<String> expected = new TreeSet<>();
    for (Field field : PrometheusFamilies.class.getFields()) {
      String family = (String) field.get(null);
      if (HISTOGRAMS.contains(family)) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
          expected.add(family + suffix);
        }
      } else {
        expected.add(family);
      }
    }

    Set<String> listed =
        PromqlLint.KNOWN_NAMES.stream()
            .filter(name -> name.startsWith("tokenmeter_"))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(listed).isEqualTo(expected);
  }
}
