package io.shpay.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.api.ApiContract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The README's API table is the OpenAPI contract's index: every operation, in the document's order, with who may
 * call it and its summary, so the README cannot list a route SH Pay does not serve or miss one it does. The details
 * live in the contract itself ({@code /openapi.yaml}, {@code /docs}). After changing the contract, regenerate with
 * {@code ./mvnw -q test -Dtest=ReadmeApiTableTest -Dshpay.readme.regenerate=true}.
 */
class ReadmeApiTableTest {

  private static final Path README = Path.of("README.md");
  private static final Path CONTRACT = Path.of("src/main/resources", ApiContract.RESOURCE);
  private static final String START = "<!-- api-operations:start (generated from shpay-v1.yaml by ReadmeApiTableTest) -->\n";
  private static final String END = "<!-- api-operations:end -->";
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  @Test
  void theReadmeListsEveryOperationOfTheContract() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertThat(start).as("the README's API table markers").isNotNegative();
    assertThat(end).isGreaterThan(start);
    String table = table(ApiContract.parse(Files.readString(CONTRACT, StandardCharsets.UTF_8)));
    if (Boolean.getBoolean("shpay.readme.regenerate")) {
      Files.writeString(README, readme.substring(0, start + START.length()) + table + readme.substring(end),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(readme.substring(start + START.length(), end))
        .as("README API table; regenerate with -Dshpay.readme.regenerate=true").isEqualTo(table);
  }

  private static String table(JsonObject contract) {
    StringBuilder table = new StringBuilder("| method and path | who | what |\n| --- | --- | --- |\n");
    JsonArray defaultSecurity = contract.getJsonArray("security", new JsonArray());
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : METHODS) {
        JsonObject operation = item.getJsonObject(method);
        if (operation == null) {
          continue;
        }
        table.append("| `").append(method.toUpperCase(java.util.Locale.ROOT)).append(' ').append(path).append("` | ")
            .append(who(operation.getJsonArray("security", defaultSecurity))).append(" | ")
            .append(operation.getString("summary").replace("|", "\\|")).append(" |\n");
      }
    }
    return table.toString();
  }

  private static String who(JsonArray security) {
    if (security.isEmpty()) {
      return "anyone";
    }
    return security.stream().map(JsonObject.class::cast).flatMap(requirement -> requirement.fieldNames().stream())
        .map(scheme -> switch (scheme) {
          case "bearerAuth" -> "user (bearer JWT)";
          case "apiKey" -> "merchant (`X-Api-Key`)";
          case "streamTicket" -> "or a stream ticket";
          default -> scheme;
        })
        .collect(Collectors.joining(" "));
  }
}
