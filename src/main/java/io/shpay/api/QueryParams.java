package io.shpay.api;

import io.shpay.common.error.FieldError;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Query parameters as the contract validated them (enums, ranges, lengths and formats are in shpay-v1.yaml, checked
 * before a handler runs), and the query rules a schema cannot state, written once for every list endpoint.
 */
final class QueryParams {

  private QueryParams() {}

  /** The parameter's text, or {@code fallback} when it is absent. */
  static String string(RoutingContext ctx, String name, String fallback) {
    Object value = ApiOperations.query(ctx, name);
    return value == null ? fallback : value.toString();
  }

  static String string(RoutingContext ctx, String name) {
    return string(ctx, name, null);
  }

  /** An integer parameter (the contract typed and bounded it), or {@code fallback} when it is absent. */
  static int integer(RoutingContext ctx, String name, int fallback) {
    Object value = ApiOperations.query(ctx, name);
    return value instanceof Number number ? number.intValue() : fallback;
  }

  /** A {@code true}/{@code false} flag (the contract allows no other value); absent is false. */
  static boolean flag(RoutingContext ctx, String name) {
    return "true".equals(string(ctx, name));
  }

  /**
   * A day ({@code format: date}); the contract's validator checks the format, and a day that does not exist on the
   * calendar (2026-02-30) is still this field's error.
   */
  static LocalDate date(RoutingContext ctx, String name, LocalDate fallback, List<FieldError> errors) {
    String text = string(ctx, name);
    if (text == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, "must be a date like 2026-11-21"));
      return null;
    }
  }

  /**
   * OpenAPI cannot refuse a parameter it does not list, nor one given twice: a filter SH Pay does not know (a typo
   * that would silently widen a search) or a repeated one is this code's field error.
   */
  static void known(RoutingContext ctx, Set<String> names, List<FieldError> errors) {
    MultiMap params = ctx.queryParams();
    for (String name : params.names()) {
      if (!names.contains(name)) {
        errors.add(new FieldError(name, "is not a filter here; use " + String.join(", ", names.stream().sorted().toList())));
      } else if (params.getAll(name).size() > 1) {
        errors.add(new FieldError(name, "must be given once"));
      }
    }
  }
}
