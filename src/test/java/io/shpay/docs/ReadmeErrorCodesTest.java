package io.shpay.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's error-code table is {@link ErrorCode} itself: every code, its HTTP status and its
 * title, in declaration order, so a new code cannot ship undocumented. After adding a code,
 * regenerate the table with
 * {@code ./mvnw -q test -Dtest=ReadmeErrorCodesTest -Dshpay.readme.regenerate=true}.
 */
class ReadmeErrorCodesTest {

  private static final Path README = Path.of("README.md");
  private static final String START = "<!-- error-codes:start (generated from ErrorCode by ReadmeErrorCodesTest) -->\n";
  private static final String END = "<!-- error-codes:end -->";

  @Test
  void theReadmeListsEveryErrorCodeWithItsStatusAndMeaning() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertThat(start).as("the README's error-code markers").isNotNegative();
    assertThat(end).isGreaterThan(start);
    String table = table();
    if (Boolean.getBoolean("shpay.readme.regenerate")) {
      Files.writeString(README, readme.substring(0, start + START.length()) + table + readme.substring(end),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(readme.substring(start + START.length(), end))
        .as("README error codes; regenerate with -Dshpay.readme.regenerate=true").isEqualTo(table);
  }

  private static String table() {
    StringBuilder table = new StringBuilder("| code | HTTP status | meaning |\n| --- | --- | --- |\n");
    for (ErrorCode code : ErrorCode.values()) {
      table.append("| `").append(code.code()).append("` | ").append(code.httpStatus()).append(" | ")
          .append(code.title().replace("|", "\\|")).append(" |\n");
    }
    return table.toString();
  }
}
