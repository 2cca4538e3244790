package io.shpay.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A schema of the contract read once into plain checks, answering only "certainly valid". vertx-json-schema reads
 * every keyword of a schema again on every value, compiles each {@code pattern} again, and its one validating method is
 * too large for the JIT to compile (HotSpot leaves methods over 8,000 bytes of bytecode interpreted): 10 to 20 µs for
 * a pay or a checkout, the top frame of the service's profile. These checks take well under a microsecond.
 *
 * <p>Only a small set of keywords is understood, each exactly as vertx-json-schema 5.0 judges it: {@code type} (one
 * of string, integer, number, boolean, object), {@code minLength}, {@code maxLength}, {@code pattern}, {@code enum}
 * and {@code const} of strings, {@code minimum} and {@code maximum}, {@code required}, {@code properties} and
 * {@code additionalProperties: false}; descriptions and examples change nothing. A schema using any other keyword
 * (a format, a reference, an array, a combinator) is not read at all: {@link #of} answers null and the library judges
 * every value. A value the checks cannot vouch for (it breaks a rule, or it is a big number or a type they do not
 * model) is "not certainly valid", and the caller asks the library, which then names what is wrong as before. So a
 * value is accepted here only if the library would accept it, and refused only with the library's own words:
 * {@code SchemaFastPathEquivalenceTest} runs every rule of every request schema of the contract through both.
 */
final class SchemaFastPath {

  private static final Set<String> NO_EFFECT = Set.of("description", "example", "examples", "title", "$comment",
      "deprecated", "readOnly", "writeOnly");

  private final String type;
  private final Number minLength;
  private final Number maxLength;
  private final Pattern pattern;
  private final Set<String> allowed;
  private final Number minimum;
  private final Number maximum;
  private final List<String> required;
  private final Map<String, SchemaFastPath> properties;
  private final boolean closed;

  private SchemaFastPath(JsonObject schema, Map<String, SchemaFastPath> properties) {
    this.type = schema.getString("type");
    this.minLength = schema.getNumber("minLength");
    this.maxLength = schema.getNumber("maxLength");
    this.pattern = schema.containsKey("pattern") ? Pattern.compile(schema.getString("pattern")) : null;
    this.allowed = allowedStrings(schema);
    this.minimum = schema.getNumber("minimum");
    this.maximum = schema.getNumber("maximum");
    List<String> names = new ArrayList<>();
    schema.getJsonArray("required", new JsonArray()).forEach(name -> names.add((String) name));
    this.required = List.copyOf(names);
    this.properties = properties;
    this.closed = Boolean.FALSE.equals(schema.getValue("additionalProperties"));
  }

  /** The checks for a schema, or null when it uses a keyword (or a form of one) these checks do not model. */
  static SchemaFastPath of(JsonObject schema) {
    if (!(schema.getValue("type") instanceof String type)) {
      return null;
    }
    Set<String> keywords = switch (type) {
      case "string" -> Set.of("type", "minLength", "maxLength", "pattern", "enum", "const");
      case "integer", "number" -> Set.of("type", "minimum", "maximum");
      case "boolean" -> Set.of("type");
      case "object" -> Set.of("type", "required", "properties", "additionalProperties");
      default -> null;
    };
    if (keywords == null) {
      return null;
    }
    for (String keyword : schema.fieldNames()) {
      // The library's own notes on a dereferenced schema ("__absolute_uri__") are not keywords.
      if (!keywords.contains(keyword) && !NO_EFFECT.contains(keyword) && !keyword.startsWith("__")) {
        return null;
      }
      if (keywords.contains(keyword) && schema.getValue(keyword) == null) {
        return null;
      }
    }
    if (!wholeNumberOrAbsent(schema, "minLength") || !wholeNumberOrAbsent(schema, "maxLength")
        || !plainNumberOrAbsent(schema, "minimum") || !plainNumberOrAbsent(schema, "maximum")
        || !(schema.getValue("pattern") == null || schema.getValue("pattern") instanceof String)
        || !(schema.getValue("const") == null || schema.getValue("const") instanceof String)
        || !stringsOrAbsent(schema.getValue("enum")) || !stringsOrAbsent(schema.getValue("required"))
        || !(schema.getValue("additionalProperties") == null
            || Boolean.FALSE.equals(schema.getValue("additionalProperties")))) {
      return null;
    }
    Map<String, SchemaFastPath> properties = new HashMap<>();
    Object declared = schema.getValue("properties");
    if (declared != null) {
      if (!(declared instanceof JsonObject fields)) {
        return null;
      }
      for (String name : fields.fieldNames()) {
        if (!(fields.getValue(name) instanceof JsonObject field)) {
          return null;
        }
        SchemaFastPath checks = of(field);
        if (checks == null) {
          return null;
        }
        properties.put(name, checks);
      }
    }
    return new SchemaFastPath(schema, Map.copyOf(properties));
  }

  /** True only when vertx-json-schema would find the value valid; false when it may not (ask it, then). */
  boolean certainlyValid(Object value) {
    return switch (type) {
      case "string" -> value instanceof String text && validString(text);
      case "integer" -> plainNumber(value) && wholeNumber((Number) value) && inRange((Number) value);
      case "number" -> plainNumber(value) && inRange((Number) value);
      case "boolean" -> value instanceof Boolean;
      case "object" -> value instanceof JsonObject object && validObject(object);
      default -> false;
    };
  }

  private boolean validString(String text) {
    // The library counts a surrogate pair as one character, as code points do.
    int length = minLength == null && maxLength == null ? 0 : text.codePointCount(0, text.length());
    return (minLength == null || length >= minLength.doubleValue())
        && (maxLength == null || length <= maxLength.doubleValue())
        && (pattern == null || pattern.matcher(text).find())
        && (allowed == null || allowed.contains(text));
  }

  private boolean inRange(Number number) {
    // As the library compares numbers that are not big: as doubles.
    return (minimum == null || number.doubleValue() >= minimum.doubleValue())
        && (maximum == null || number.doubleValue() <= maximum.doubleValue());
  }

  private boolean validObject(JsonObject object) {
    for (String name : required) {
      if (!object.containsKey(name)) {
        return false;
      }
    }
    for (String name : object.fieldNames()) {
      SchemaFastPath field = properties.get(name);
      if (field == null ? closed : !field.certainlyValid(object.getValue(name))) {
        return false;
      }
    }
    return true;
  }

  /** Integer, Long, Short, Byte, Double or Float: a BigInteger or BigDecimal is left to the library's exact rules. */
  private static boolean plainNumber(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof Double || value instanceof Float;
  }

  private static boolean wholeNumber(Number number) {
    if (number instanceof Double || number instanceof Float) {
      // JSON Schema's integer is a value: 100.0 is one (SH Pay's handlers refuse it, see ContractProblems).
      return number.doubleValue() % 1 == 0.0;
    }
    return true;
  }

  private static Set<String> allowedStrings(JsonObject schema) {
    Set<String> values = new HashSet<>();
    if (schema.containsKey("enum")) {
      schema.getJsonArray("enum").forEach(value -> values.add((String) value));
      if (schema.containsKey("const")) {
        values.retainAll(Set.of(schema.getString("const")));
      }
      return Set.copyOf(values);
    }
    return schema.containsKey("const") ? Set.of(schema.getString("const")) : null;
  }

  private static boolean wholeNumberOrAbsent(JsonObject schema, String keyword) {
    Object value = schema.getValue(keyword);
    return value == null || value instanceof Integer || value instanceof Long;
  }

  private static boolean plainNumberOrAbsent(JsonObject schema, String keyword) {
    Object value = schema.getValue(keyword);
    return value == null || plainNumber(value);
  }

  private static boolean stringsOrAbsent(Object value) {
    if (value == null) {
      return true;
    }
    if (!(value instanceof JsonArray values)) {
      return false;
    }
    for (Object item : values) {
      if (!(item instanceof String)) {
        return false;
      }
    }
    return true;
  }
}
