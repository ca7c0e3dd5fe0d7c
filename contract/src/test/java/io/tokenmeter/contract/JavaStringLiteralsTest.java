/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavaStringLiteralsTest {
  @Test
  void literalsKeepTheLineTheyStartOnAfterLineAndBlockComments() {
    String source =
        "// a \"comment\"\n"
            + "/* a\n block \"comment\" */\n"
            + "String a = \"first\"; // trailing\n"
            + "char q = '\"';\n"
            + "String b = \"sec\\\"ond\";\n";

    List<JavaStringLiterals.Literal> literals = JavaStringLiterals.of(source);

    assertThat(literals).extracting(l -> l.value).containsExactly("first", "sec\"ond");
    assertThat(literals).extracting(l -> l.line).containsExactly(4, 6);
  }
}
