package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link SchemaFastPath} judges as vertx-json-schema does, for every request schema of the contract it reads: every
 * parameter and body of every operation, each rule of it broken and kept (lengths at and past each bound, counted in
 * code points; patterns matched and missed; every type in the place of every other; each required field left out; an
 * unknown field; numbers at and past each bound, whole and not). The checks may leave a value to the library (a big
 * number, a Java map) but never accept one the library refuses, and accept every other value it accepts.
 */
class SchemaFastPathEquivalenceTest {

  private static Vertx vertx;
  private static OpenAPIContract library;

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    // The contract as vertx-openapi reads it, without SH Pay's validators: the library's verdicts alone.
    library = await(OpenAPIContract.from(vertx, ApiContract.forVertx(await(ApiContract.load(vertx)).document())));
  }

  @AfterAll
  static void close() {
    await(vertx.close());
  }

  @Test
  void theChecksAndTheLibraryAgreeOnEveryRuleOfEveryRequestSchemaTheChecksRead() {
    Map<String, JsonSchema> schemas = requestSchemas();
    List<String> disagreements = new ArrayList<>();
    int read = 0;
    int judged = 0;
    for (Map.Entry<String, JsonSchema> entry : schemas.entrySet()) {
      JsonObject schema = (JsonObject) entry.getValue();
      SchemaFastPath checks = SchemaFastPath.of(schema);
      if (checks == null) {
        continue;
      }
      read++;
      for (Object value : values(schema)) {
        judged++;
        boolean libraryValid = library.getSchemaRepository().validator(entry.getValue()).validate(value).getValid();
        boolean checksValid = checks.certainlyValid(value);
        if (checksValid && !libraryValid || libraryValid && !checksValid && !leftToTheLibrary(value)) {
          disagreements.add(entry.getKey() + ": " + describe(value) + " library " + libraryValid);
        }
      }
    }

    assertThat(disagreements).isEmpty();
    assertThat(read).as("request schemas the checks read").isGreaterThanOrEqualTo(4);
    assertThat(judged).isGreaterThan(1_000);
  }

  @Test
  void theChecksReadTheSchemasOfTheHotPath() {
    Map<String, JsonSchema> schemas = requestSchemas();

    assertThat(List.of("createCheckout body", "payCheckout body", "payCheckout checkoutId",
        "payCheckout Idempotency-Key")).allSatisfy(name ->
        assertThat(SchemaFastPath.of((JsonObject) schemas.get(name))).as(name).isNotNull());
  }

  @Test
  void aSchemaWithAKeywordTheChecksDoNotModelIsLeftToTheLibrary() {
    assertThat(SchemaFastPath.of(new JsonObject().put("type", "string").put("format", "email"))).isNull();
    assertThat(SchemaFastPath.of(new JsonObject().put("type", new JsonArray().add("string").add("null")))).isNull();
    assertThat(SchemaFastPath.of(new JsonObject().put("type", "array"))).isNull();
    assertThat(SchemaFastPath.of(new JsonObject().put("minLength", 1))).isNull();
    assertThat(SchemaFastPath.of(new JsonObject().put("type", "object").put("additionalProperties", true))).isNull();
    assertThat(SchemaFastPath.of(new JsonObject().put("type", "object")
        .put("properties", new JsonObject().put("a", new JsonObject().put("$ref", "#/x"))))).isNull();
    assertThat(SchemaFastPath.of(new JsonObject().put("type", "integer").put("multipleOf", 2))).isNull();
  }

  /** Every parameter's and every body's schema, by operation and name. */
  static Map<String, JsonSchema> requestSchemas() {
    Map<String, JsonSchema> schemas = new LinkedHashMap<>();
    for (Operation operation : library.operations()) {
      for (Parameter parameter : operation.getParameters()) {
        schemas.put(operation.getOperationId() + " " + parameter.getName(), parameter.getSchema());
      }
      if (operation.getRequestBody() != null) {
        for (MediaType media : operation.getRequestBody().getContent().values()) {
          schemas.put(operation.getOperationId() + " body", media.getSchema());
        }
      }
    }
    return schemas;
  }

  /** The value itself and, for an object, every field's value breaking and keeping its rules. */
  private static List<Object> values(JsonObject schema) {
    List<Object> values = new ArrayList<>(scalars(schema));
    JsonObject properties = schema.getJsonObject("properties");
    if (properties == null) {
      return values;
    }
    JsonObject valid = new JsonObject();
    for (String name : properties.fieldNames()) {
      JsonObject field = properties.getJsonObject(name);
      SchemaRepository repository = library.getSchemaRepository();
      scalars(field).stream().filter(value -> repository.validator(JsonSchema.of(field)).validate(value).getValid())
          .findFirst().ifPresent(value -> valid.put(name, value));
    }
    values.add(valid);
    values.add(new JsonObject());
    values.add(valid.copy().put("unknownField", "x"));
    values.add(valid.copy().put("unknownField", (Object) null));
    values.add(new HashMap<>(valid.getMap()));
    for (String name : properties.fieldNames()) {
      JsonObject without = valid.copy();
      without.remove(name);
      values.add(without);
      values.add(valid.copy().putNull(name));
      for (Object value : scalars(properties.getJsonObject(name))) {
        values.add(valid.copy().put(name, value));
      }
    }
    return values;
  }

  /** Values of every JSON type, at and around the bounds, patterns and allowed values the schema names. */
  private static List<Object> scalars(JsonObject schema) {
    List<Object> values = new ArrayList<>();
    String uuid = UUID.randomUUID().toString();
    values.addAll(List.of("", "a", "A", "_", "0", "12000", "true", "null", " ", "\t", "\n", "has space", " lead",
        "trail ", "order-20261121-0001", "Sourdough loaf", "KRW", "krw", "\u007f", "\u00e9", "\uD800", "\uDC00x",
        "!", "~", "!~", "\"", "\\", uuid, uuid.toUpperCase(), uuid + "\n", uuid + "0", "x" + uuid, uuid.substring(1),
        "{" + uuid + "}", "pay-order-0001-" + uuid));
    for (int length : new int[] {2, 7, 8, 9, 63, 64, 65, 99, 100, 101, 254, 255, 256, 1_000}) {
      values.add("x".repeat(length));
      values.add("\uD83D\uDE00".repeat(length));
      values.add("\u00e9".repeat(length));
    }
    for (String keyword : List.of("enum", "const", "example", "examples")) {
      Object named = schema.getValue(keyword);
      if (named instanceof JsonArray list) {
        list.forEach(values::add);
      } else if (named != null) {
        values.add(named);
      }
    }
    values.addAll(List.of(0, 1, -1, 2, 12_000, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
        (short) 3, (byte) 1, 1.0, 1.5, 0.5, -0.0, 0.999, 100.0, 12_000.5, 1e300, -1e300, 1.0f, 1.5f,
        new BigInteger("123456789012345678901234567890"), new BigDecimal("1.0"), new BigDecimal("0.5")));
    for (String bound : List.of("minimum", "maximum", "minLength", "maxLength")) {
      if (schema.getValue(bound) instanceof Number number) {
        values.addAll(List.of(number.longValue() - 1, number.longValue(), number.longValue() + 1,
            number.doubleValue() - 0.5, number.doubleValue() + 0.5));
      }
    }
    values.addAll(List.of(true, false, new JsonObject(), new JsonArray(), new JsonArray().add("a")));
    values.add(null);
    return values;
  }

  /** Values the checks leave to the library by design: big numbers (exact rules) and Java maps (converted). */
  private static boolean leftToTheLibrary(Object value) {
    if (value instanceof BigInteger || value instanceof BigDecimal || value instanceof Map) {
      return true;
    }
    if (value instanceof JsonObject object) {
      return object.getMap().values().stream().anyMatch(SchemaFastPathEquivalenceTest::leftToTheLibrary);
    }
    return false;
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
