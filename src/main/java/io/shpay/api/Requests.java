package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.error.FieldError;
import io.shpay.common.json.JsonBody;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Small helpers every endpoint uses to read requests the same way. */
final class Requests {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private Requests() {}

  /** The JSON body, refusing other media types with 415 and unknown fields with 400. */
  static JsonBody json(RoutingContext ctx, Set<String> allowedFields) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null && !isJson(contentType)) {
      throw Failures.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json, not " + contentType + ".");
    }
    return JsonBody.parse(ctx.body().buffer(), allowedFields);
  }

  static String email(JsonBody body, String field) {
    String email = body.requiredString(field, 3, 254);
    if (email != null && !EMAIL.matcher(email).matches()) {
      body.reject(field, "must be an email address");
    }
    return email;
  }

  /**
   * A query filter's value. Filters take one spelling everywhere: the lower-case word
   * ({@code status=approved}, {@code kind=refund}, {@code direction=in}), whatever case the field has
   * in answers; anything else, {@code APPROVED} included, is recorded as a field error listing the
   * values. Answers the value as given, or null when absent or refused.
   */
  static String filter(String value, String name, List<String> values, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (values.contains(value)) {
      return value;
    }
    errors.add(new FieldError(name, "must be one of " + String.join(", ", values) + " (lower case), got '"
        + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'"));
    return null;
  }

  /** A boolean query flag: absent or {@code false} is false, {@code true} is true, anything else a 400 naming it. */
  static boolean flag(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw Failures.invalid(name, "must be true or false");
  }

  /** The client's address as {@link ClientAddress} resolved it (the TCP peer unless a trusted proxy forwarded). */
  static String clientIp(RoutingContext ctx) {
    return ClientAddress.of(ctx);
  }

  private static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }
}
