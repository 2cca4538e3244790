package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.json.JsonBody;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.regex.Pattern;

/** Small helpers every endpoint uses to read requests the same way. */
final class Requests {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private Requests() {}

  /** The JSON body, refusing other media types with 415 and unknown fields with 400. */
  static JsonBody json(RoutingContext ctx, Set<String> allowedFields) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null && !ContractRequests.isJson(contentType)) {
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

  /** The client's address as {@link ClientAddress} resolved it (the TCP peer unless a trusted proxy forwarded). */
  static String clientIp(RoutingContext ctx) {
    return ClientAddress.of(ctx);
  }
}
