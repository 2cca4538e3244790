package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.FieldError;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request the contract refused, as the problem SH Pay answers: {@code validation_failed} naming every bad field at
 * once, in SH Pay's words ("is not a known field", "must be a whole number of won"), never echoing a value.
 *
 * <p>vertx-openapi stops at the first bad parameter (the body's schema errors it does report together, in the
 * validator's {@code Basic} output). So when a request is refused, every parameter and the body are validated again,
 * one by one, against the same contract (vertx-openapi's own {@code validateParameter}/{@code validateBody}), and each
 * failure is listed. Checks the schema cannot state (100.0 is an integer to JSON Schema; the configured amount limit;
 * trimmed lengths; date ranges) stay in the handlers, which run once the contract has accepted the request.
 *
 * <p>A path parameter that is not an id names no resource: that is the 404 of a missing one, as the contract says.
 */
final class ContractProblems {

  /** Where {@link ApiOperations} leaves the operation a refused request was for. */
  static final String OPERATION_KEY = "shpay.contractOperation";

  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private static final Pattern LAST_NUMBER = Pattern.compile("(-?[0-9.]+)\\)?$");
  private static final Set<String> NOT_LEAVES = Set.of("properties", "$ref", "allOf", "anyOf", "oneOf", "items",
      "prefixItems", "patternProperties", "$dynamicRef");

  private final RequestValidatorImpl validator;

  /**
   * The router's own validator: an implementation, not the interface, since it alone offers one parameter's
   * validation, which listing every bad parameter needs.
   */
  ContractProblems(RequestValidatorImpl validator) {
    this.validator = validator;
  }

  /** The validator's refusal inside a failure (the builder wraps it in a 400), or null when it is not one. */
  static ValidatorException refusal(Throwable failure) {
    if (failure instanceof ValidatorException refused) {
      return refused;
    }
    if (failure instanceof HttpException http && http.getCause() instanceof ValidatorException refused) {
      return refused;
    }
    return null;
  }

  Problem problem(RoutingContext ctx, ValidatorException refused) {
    Operation operation = ctx.get(OPERATION_KEY);
    ValidatableRequest request = operation == null ? null : extracted(ctx, operation);
    if (request == null) {
      return fromBodyOrParameter(refused, null);
    }
    List<FieldError> errors = new ArrayList<>();
    for (Parameter parameter : operation.getParameters()) {
      try {
        validator.validateParameter(parameter, valueOf(request, parameter));
      } catch (ValidatorException bad) {
        if (parameter.getIn() == Location.PATH) {
          return notFound(parameter);
        }
        errors.add(new FieldError(parameter.getName(), parameterMessage(bad)));
      }
    }
    if (operation.getRequestBody() != null) {
      try {
        validator.validateBody(operation.getRequestBody(), request);
      } catch (ValidatorException bad) {
        Problem unreadable = unreadableBody(bad);
        if (unreadable != null) {
          return unreadable;
        }
        errors.addAll(bodyErrors(bad));
      }
    }
    return errors.isEmpty() ? fromBodyOrParameter(refused, null) : invalid(errors);
  }

  private static ValidatableRequest extracted(RoutingContext ctx, Operation operation) {
    try {
      var future = new ContractRequests().extractValidatableRequest(ctx, operation);
      return future.succeeded() ? future.result() : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static RequestParameter valueOf(ValidatableRequest request, Parameter parameter) {
    Map<String, RequestParameter> values = switch (parameter.getIn()) {
      case QUERY -> request.getQuery();
      case HEADER -> request.getHeaders();
      case PATH -> request.getPathParameters();
      case COOKIE -> request.getCookies();
    };
    RequestParameter value = values == null ? null : values.get(parameter.getName());
    return value == null ? new RequestParameterImpl(null) : value;
  }

  /** When the list cannot be rebuilt (no operation known), the validator's one refusal, named as well as it can be. */
  private static Problem fromBodyOrParameter(ValidatorException refused, Parameter parameter) {
    Problem unreadable = unreadableBody(refused);
    if (unreadable != null) {
      return unreadable;
    }
    if (refused instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      List<FieldError> errors = bodyErrors(schema);
      if (!errors.isEmpty()) {
        return invalid(errors);
      }
    }
    return Problem.of(ErrorCode.BAD_REQUEST, "The request does not match the API contract: " + refused.getMessage());
  }

  private static Problem invalid(List<FieldError> errors) {
    String detail = errors.size() == 1 ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message() + "."
        : errors.size() + " fields are invalid: " + String.join(", ", errors.stream().map(FieldError::field).toList())
            + ".";
    return new Problem(ErrorCode.VALIDATION_FAILED, detail, List.copyOf(errors), null, null);
  }

  private static Problem notFound(Parameter parameter) {
    String name = parameter.getName();
    String what = name.endsWith("Id") ? name.substring(0, name.length() - 2) : name;
    return Problem.of(ErrorCode.NOT_FOUND, "No " + what + " with this id.");
  }

  /** A body that is not a JSON object at all: SH Pay's {@code malformed_json}, or 415 for another media type. */
  private static Problem unreadableBody(ValidatorException refused) {
    if (refused.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER && refused.getMessage().contains("body")) {
      return Problem.of(ErrorCode.MALFORMED_JSON, "The request body is empty; a JSON object is expected.");
    }
    if (refused.type() == ValidatorErrorType.ILLEGAL_VALUE && refused.getMessage().contains("body")) {
      return Problem.of(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.");
    }
    if (refused.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && refused.getMessage().contains("body")) {
      return Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
    }
    if (refused instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      for (OutputUnit unit : leaves(schema.getOutputUnit())) {
        if (field(unit).isEmpty() && keyword(unit).equals("type")) {
          return Problem.of(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.");
        }
      }
    }
    return null;
  }

  private static String parameterMessage(ValidatorException bad) {
    if (bad.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER) {
      return "is required";
    }
    if (bad instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      List<OutputUnit> leaves = leaves(schema.getOutputUnit());
      if (!leaves.isEmpty()) {
        return message(leaves.get(0));
      }
    }
    return "is not a value this parameter takes";
  }

  /** One error per field, the first the validator found, in the order of the body's fields. */
  private static List<FieldError> bodyErrors(ValidatorException bad) {
    if (!(bad instanceof SchemaValidationException schema) || schema.getOutputUnit() == null) {
      return List.of();
    }
    Map<String, FieldError> byField = new LinkedHashMap<>();
    for (OutputUnit unit : leaves(schema.getOutputUnit())) {
      String field = keyword(unit).equals("required") ? join(field(unit), quoted(unit.getError())) : field(unit);
      if (!field.isEmpty()) {
        byField.putIfAbsent(field, new FieldError(field, message(unit)));
      }
    }
    return List.copyOf(byField.values());
  }

  /**
   * The errors that say what is wrong, not where: "a sub-schema had errors" is dropped, and so is the validator's
   * "does not match additional properties" for a declared property that failed its own schema (it reports both).
   */
  private static List<OutputUnit> leaves(OutputUnit root) {
    List<OutputUnit> all = root.getErrors() == null || root.getErrors().isEmpty() ? List.of(root) : root.getErrors();
    Set<String> declaredButInvalid = new java.util.HashSet<>();
    for (OutputUnit unit : all) {
      if (keyword(unit).equals("properties")) {
        declaredButInvalid.add(unit.getInstanceLocation());
      }
    }
    List<OutputUnit> leaves = new ArrayList<>();
    for (OutputUnit unit : all) {
      String keyword = keyword(unit);
      if (NOT_LEAVES.contains(keyword) || unit.getKeywordLocation() == null) {
        continue;
      }
      if (keyword.equals("additionalProperties") && declaredButInvalid.contains(unit.getInstanceLocation())) {
        continue;
      }
      leaves.add(unit);
    }
    return leaves;
  }

  private static String keyword(OutputUnit unit) {
    String location = unit.getKeywordLocation();
    if (location == null) {
      return "";
    }
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** {@code #/legs/withdrawal} as SH Pay names fields: {@code legs.withdrawal}; the whole body is "". */
  private static String field(OutputUnit unit) {
    String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
    if (location.startsWith("#")) {
      location = location.substring(1);
    }
    if (location.startsWith("/")) {
      location = location.substring(1);
    }
    return location.replace('/', '.').replace("~1", "/").replace("~0", "~");
  }

  private static String join(String parent, String child) {
    return parent.isEmpty() ? child : parent + "." + child;
  }

  private static String quoted(String text) {
    Matcher matcher = QUOTED.matcher(text == null ? "" : text);
    return matcher.find() ? matcher.group(1) : "";
  }

  private static String number(String text) {
    Matcher matcher = LAST_NUMBER.matcher(text == null ? "" : text.trim());
    return matcher.find() ? matcher.group(1) : "";
  }

  /** The validator's finding in SH Pay's words (which never repeat the value sent: it may be a secret). */
  static String message(OutputUnit unit) {
    String error = unit.getError() == null ? "" : unit.getError();
    String schema = unit.getAbsoluteKeywordLocation() == null ? "" : unit.getAbsoluteKeywordLocation();
    boolean money = schema.contains("/schemas/Amount/");
    return switch (keyword(unit)) {
      case "additionalProperties", "unevaluatedProperties" -> "is not a known field";
      case "required" -> "is required";
      case "type" -> typeMessage(error, money);
      case "minLength" -> "1".equals(number(error)) || "0".equals(number(error)) ? "must not be empty"
          : "must be at least " + number(error) + " characters";
      case "maxLength" -> "must be at most " + number(error) + " characters";
      case "minimum", "exclusiveMinimum" -> money ? "must be a positive number of won"
          : "must be at least " + number(error);
      case "maximum", "exclusiveMaximum" -> money ? "must be at most " + number(error) + " won"
          : "must be at most " + number(error);
      case "enum" -> "must be one of " + error.replaceFirst("^.*any of ", "").replace("[", "").replace("]", "");
      case "const" -> "must be " + error.replaceFirst("^Instance does not match ", "");
      case "pattern" -> schema.contains("/schemas/Id/") ? "is not a valid id" : "does not have the expected form";
      case "format" -> formatMessage(quoted(error));
      default -> error.isEmpty() ? "is not valid" : error;
    };
  }

  private static String typeMessage(String error, boolean money) {
    String expected = error.replaceFirst("^.*Expected ", "");
    if (money) {
      return error.contains("type number") ? "must be a whole number of won" : "must be a number of won";
    }
    if (expected.startsWith("string")) {
      return "must be a string";
    }
    if (expected.startsWith("integer")) {
      return "must be a whole number";
    }
    if (expected.startsWith("number")) {
      return "must be a number";
    }
    if (expected.startsWith("boolean")) {
      return "must be true or false";
    }
    if (expected.startsWith("object")) {
      return "must be a JSON object";
    }
    if (expected.startsWith("array")) {
      return "must be a list";
    }
    return "must be of type " + expected;
  }

  private static String formatMessage(String format) {
    return switch (format) {
      case "email" -> "must be an email address";
      case "date" -> "must be a date like 2026-11-01";
      case "date-time" -> "must be a date and time like 2026-11-21T01:15:00Z";
      case "uri" -> "must be a URL";
      default -> "must be in the format " + format;
    };
  }

}
