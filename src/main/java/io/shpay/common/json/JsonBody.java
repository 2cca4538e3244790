package io.shpay.common.json;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.error.FieldError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a JSON request body strictly: the body must be a JSON object, unknown fields are refused,
 * and every problem is collected so the client learns about all bad fields at once. Call
 * {@link #validate()} after reading the fields; it throws a {@code validation_failed} failure
 * naming each field.
 *
 * <pre>{@code
 * JsonBody body = JsonBody.parse(ctx.body().buffer(), Set.of("email", "password"));
 * String email = body.requiredString("email", 3, 254);
 * body.validate();
 * }</pre>
 */
public final class JsonBody {

  private final JsonObject json;
  private final List<FieldError> errors = new ArrayList<>();

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  public static JsonBody parse(Buffer buffer, Set<String> allowedFields) {
    if (buffer == null || buffer.length() == 0) {
      throw Failures.of(ErrorCode.MALFORMED_JSON, "The request body is empty; a JSON object is expected.");
    }
    Object parsed;
    try {
      parsed = buffer.toJsonValue();
    } catch (DecodeException e) {
      throw Failures.of(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Failures.of(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.");
    }
    JsonBody body = new JsonBody(object);
    Set<String> unknown = new TreeSet<>(object.fieldNames());
    unknown.removeAll(allowedFields);
    unknown.forEach(field -> body.errors.add(new FieldError(field, "is not a known field")));
    return body;
  }

  /** A required string, trimmed, between {@code minLength} and {@code maxLength} characters. */
  public String requiredString(String field, int minLength, int maxLength) {
    return string(field, minLength, maxLength, true, true);
  }

  /** A required secret string taken as given (no trimming), e.g. a password. */
  public String requiredSecret(String field, int minLength, int maxLength) {
    return string(field, minLength, maxLength, true, false);
  }

  public String optionalString(String field, int minLength, int maxLength) {
    return string(field, minLength, maxLength, false, true);
  }

  /**
   * A required amount of money in whole won: a JSON integer, positive, at most {@code max}.
   * Fractions ({@code 100.5}, and {@code 100.0} too), strings and zero are refused.
   */
  public Long requiredAmount(String field, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      String why = value instanceof Number ? "must be a whole number of won" : "must be a number of won";
      errors.add(new FieldError(field, value instanceof java.math.BigInteger
          ? "must be at most " + max + " won" : why));
      return null;
    }
    long amount = ((Number) value).longValue();
    if (amount <= 0) {
      errors.add(new FieldError(field, "must be a positive number of won"));
      return null;
    }
    if (amount > max) {
      errors.add(new FieldError(field, "must be at most " + max + " won"));
      return null;
    }
    return amount;
  }

  /** A required id in SH Pay's form (a UUID). */
  public String requiredId(String field) {
    String id = requiredString(field, 1, 64);
    if (id != null && !Ids.isValid(id)) {
      errors.add(new FieldError(field, "is not a valid id"));
      return null;
    }
    return id;
  }

  /** Adds an error found by a caller's own rule (for example an email format check). */
  public void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  public boolean hasErrorFor(String field) {
    return errors.stream().anyMatch(error -> error.field().equals(field));
  }

  public void validate() {
    if (!errors.isEmpty()) {
      throw Failures.invalid(List.copyOf(errors));
    }
  }

  private String string(String field, int minLength, int maxLength, boolean required, boolean trim) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return null;
    }
    if (!(value instanceof String text)) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    String result = trim ? text.strip() : text;
    int length = result.codePointCount(0, result.length());
    if (length < minLength) {
      errors.add(new FieldError(field, minLength <= 1 ? "must not be empty" : "must be at least " + minLength + " characters"));
      return null;
    }
    if (length > maxLength) {
      errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
      return null;
    }
    return result;
  }
}
