package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is a stable URN per {@link ErrorCode}, {@code code}
 * repeats its last segment for clients that prefer a short string, {@code errors} lists bad fields.
 */
record Problem(ErrorCode code, String detail, List<FieldError> fieldErrors, Long retryAfterSeconds, String errorId) {

  static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "urn:shpay:problem:";

  static Problem of(ErrorCode code, String detail) {
    return new Problem(code, detail, List.of(), null, null);
  }

  JsonObject toJson(String instance, String requestId) {
    JsonObject json = new JsonObject()
        .put("type", TYPE_PREFIX + code.code())
        .put("title", code.title())
        .put("status", code.httpStatus())
        .put("code", code.code())
        .put("detail", detail)
        .put("instance", instance)
        .put("requestId", requestId);
    if (!fieldErrors.isEmpty()) {
      JsonArray errors = new JsonArray();
      fieldErrors.forEach(error -> errors.add(error.toJson()));
      json.put("errors", errors);
    }
    if (errorId != null) {
      json.put("errorId", errorId);
    }
    return json;
  }
}
