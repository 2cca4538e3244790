package io.shpay.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.error.ErrorCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SH Pay's contract read by swagger-parser, an OpenAPI implementation independent of the Vert.x one that builds the
 * router: it must parse without a message, and keep the promises every operation makes to a reader.
 */
class OpenApiDocumentUnitTest {

  static final String RESOURCE = "openapi/shpay-v1.yaml";
  private static SwaggerParseResult parsed;
  private static OpenAPI api;

  @BeforeAll
  static synchronized void parse() throws IOException {
    if (parsed != null) {
      return;
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    options.setValidateInternalRefs(true);
    parsed = new OpenAPIV3Parser().readContents(text(), null, options);
    api = parsed.getOpenAPI();
  }

  @Test
  void theDocumentParsesAsOpenApi31WithoutAnyMessage() {
    assertThat(parsed.getMessages()).as("parser messages").isEmpty();
    assertThat(api).isNotNull();
    assertThat(api.getOpenapi()).isEqualTo("3.1.0");
  }

  @Test
  void everyOperationHasAUniqueIdASummaryATagAndKnownTagsOnly() {
    Set<String> declaredTags = new HashSet<>();
    api.getTags().forEach(tag -> declaredTags.add(tag.getName()));
    Set<String> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    operations().forEach((where, operation) -> {
      if (operation.getOperationId() == null || !ids.add(operation.getOperationId())) {
        problems.add(where + ": missing or repeated operationId");
      }
      if (operation.getSummary() == null || operation.getSummary().isBlank()) {
        problems.add(where + ": no summary");
      }
      if (operation.getTags() == null || operation.getTags().isEmpty()
          || !declaredTags.containsAll(operation.getTags())) {
        problems.add(where + ": no tag, or a tag not declared at the top");
      }
      if (operation.getResponses() == null || operation.getResponses().isEmpty()) {
        problems.add(where + ": no responses");
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyApiOperationDescribesItsFailuresAsProblemDocuments() {
    List<String> problems = new ArrayList<>();
    operations().forEach((where, operation) -> {
      if (!where.contains(" /api/v1/")) {
        return;
      }
      operation.getResponses().forEach((status, response) -> {
        boolean failure = status.equals("default") || status.startsWith("4") || status.startsWith("5");
        if (failure && (response.getContent() == null || response.getContent().get("application/problem+json") == null)) {
          problems.add(where + " " + status + ": not application/problem+json");
        }
      });
      if (!operation.getResponses().containsKey("default")) {
        problems.add(where + ": no default (problem) response");
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyRequestThatMovesMoneyDeclaresTheIdempotencyKeyAndTheReplayHeader() {
    List<String> moneyMovers = List.of("POST /api/v1/transfers", "POST /api/v1/transfers/withdraw",
        "POST /api/v1/checkouts/{checkoutId}/pay", "POST /api/v1/payments/{paymentId}/refunds");
    Map<String, Operation> operations = operations();
    for (String where : moneyMovers) {
      Operation operation = operations.get(where);
      assertThat(operation).as(where).isNotNull();
      assertThat(operation.getParameters()).as(where)
          .anySatisfy(parameter -> {
            assertThat(parameter.getName()).isEqualTo("Idempotency-Key");
            assertThat(parameter.getIn()).isEqualTo("header");
            assertThat(parameter.getRequired()).isTrue();
          });
      operation.getResponses().forEach((status, response) -> {
        if (status.startsWith("2")) {
          assertThat(response.getHeaders()).as(where + " " + status).containsKey("Idempotent-Replayed");
        }
      });
    }
  }

  @Test
  void requestBodiesRefuseUnknownFieldsAndAmountsAreWholeWon() {
    List<String> problems = new ArrayList<>();
    operations().forEach((where, operation) -> {
      if (operation.getRequestBody() == null) {
        return;
      }
      var schema = operation.getRequestBody().getContent().get("application/json").getSchema();
      Object additional = schema.getAdditionalProperties();
      // OpenAPI 3.1 models read "additionalProperties: false" as the boolean schema false.
      boolean closed = Boolean.FALSE.equals(additional) || additional instanceof io.swagger.v3.oas.models.media.Schema<?> s
          && Boolean.FALSE.equals(s.getBooleanSchemaValue());
      if (!closed) {
        problems.add(where + ": the body accepts unknown fields");
      }
      if (schema.getProperties() != null && schema.getProperties().containsKey("amount")) {
        var amount = (io.swagger.v3.oas.models.media.Schema<?>) schema.getProperties().get("amount");
        if (!amount.getTypes().equals(Set.of("integer")) || amount.getMinimum().intValue() != 1) {
          problems.add(where + ": amount is not a positive integer");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void theProblemCodesAreExactlyThoseSHPayAnswers() {
    List<String> documented = api.getComponents().getSchemas().get("ErrorCode").getEnum().stream()
        .map(String::valueOf).toList();
    List<String> answered = new ArrayList<>(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
    // Written by the HTTP server before any route runs (io.shpay.api.InvalidRequests).
    answered.addAll(List.of("headers_too_large", "uri_too_long"));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(answered);
  }

  @Test
  void theSecuritySchemesAreTheBearerJwtTheMerchantKeyAndTheStreamTicket() {
    var schemes = api.getComponents().getSecuritySchemes();
    assertThat(schemes.get("bearerAuth").getScheme()).isEqualTo("bearer");
    assertThat(schemes.get("bearerAuth").getBearerFormat()).isEqualTo("JWT");
    assertThat(schemes.get("apiKey").getName()).isEqualTo("X-Api-Key");
    assertThat(schemes.get("streamTicket").getName()).isEqualTo("ticket");
  }

  @Test
  void theEventStreamsAreDescribedAsTextEventStream() {
    Map<String, Operation> operations = operations();
    assertThat(operations.get("GET /api/v1/notifications").getResponses().get("200").getContent())
        .containsKey("text/event-stream");
    assertThat(operations.get("POST /api/v1/chat/messages").getResponses().get("200").getContent())
        .containsKeys("text/event-stream", "application/json");
  }

  /** "METHOD /path" to operation, in document order. */
  static Map<String, Operation> operations() {
    try {
      parse();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, Operation> operations = new java.util.LinkedHashMap<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap()
        .forEach((method, operation) -> operations.put(method.name() + " " + path, operation)));
    return operations;
  }

  static String text() throws IOException {
    try (InputStream in = OpenApiDocumentUnitTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE + " on the class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
