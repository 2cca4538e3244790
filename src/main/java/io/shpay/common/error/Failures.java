package io.shpay.common.error;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;

import java.util.List;

/**
 * Builds the one failure type SH Pay passes around: a {@link ServiceException} whose failure code
 * is an {@link ErrorCode#busCode()} and whose debug info carries the stable code and any field
 * errors. It crosses the event bus unchanged, so the HTTP layer renders it the same whether it was
 * raised in the API verticle or in a service behind the bus.
 */
public final class Failures {

  private static final String FIELDS = "fields";
  private static final String RETRY_AFTER = "retryAfterSeconds";
  private static final String LIMIT = "limit";

  private Failures() {}

  public static ServiceException of(ErrorCode code) {
    return of(code, code.title());
  }

  public static ServiceException of(ErrorCode code, String detail) {
    return new ServiceException(code.busCode(), detail, new JsonObject().put("code", code.code()));
  }

  public static <T> Future<T> fail(ErrorCode code, String detail) {
    return Future.failedFuture(of(code, detail));
  }

  public static ServiceException invalid(List<FieldError> fields) {
    JsonArray array = new JsonArray();
    fields.forEach(field -> array.add(field.toJson()));
    ServiceException failure = of(ErrorCode.VALIDATION_FAILED, describe(fields));
    failure.getDebugInfo().put(FIELDS, array);
    return failure;
  }

  public static ServiceException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static ServiceException rateLimited(long retryAfterSeconds) {
    ServiceException failure = of(ErrorCode.RATE_LIMITED,
        "Too many attempts; try again in " + retryAfterSeconds + " seconds.");
    failure.getDebugInfo().put(RETRY_AFTER, retryAfterSeconds);
    return failure;
  }

  /** A refusal by a limit of {@code limit} per window, which resets in {@code retryAfterSeconds}. */
  public static ServiceException rateLimited(long retryAfterSeconds, long limit) {
    ServiceException failure = rateLimited(retryAfterSeconds);
    failure.getDebugInfo().put(LIMIT, limit);
    return failure;
  }

  public static List<FieldError> fieldErrors(ServiceException failure) {
    JsonArray fields = failure.getDebugInfo() == null ? null : failure.getDebugInfo().getJsonArray(FIELDS);
    return fields == null ? List.of() : fields.stream().map(f -> FieldError.fromJson((JsonObject) f)).toList();
  }

  public static Long retryAfterSeconds(ServiceException failure) {
    return failure.getDebugInfo() == null ? null : failure.getDebugInfo().getLong(RETRY_AFTER);
  }

  /** The window's limit of a {@link #rateLimited(long, long)} refusal, if it said. */
  public static Long limit(ServiceException failure) {
    return failure.getDebugInfo() == null ? null : failure.getDebugInfo().getLong(LIMIT);
  }

  private static String describe(List<FieldError> fields) {
    if (fields.size() == 1) {
      FieldError only = fields.get(0);
      return "Field '" + only.field() + "' " + only.message() + ".";
    }
    return fields.size() + " fields are invalid: "
        + String.join(", ", fields.stream().map(FieldError::field).toList()) + ".";
  }
}
