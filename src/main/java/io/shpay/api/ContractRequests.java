package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;

import java.util.Locale;

/**
 * What the contract validates of a request: its parameters, and its body as the body handler read it. Two of SH Pay's
 * rules come first. A body sent without a {@code Content-Type} is read as JSON (curl users forget the header, and
 * SH Pay takes no other body); a body of another media type is a 415 naming it, before any field is judged.
 */
final class ContractRequests implements RequestExtractor {

  private static final String JSON = "application/json";

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (operation.getRequestBody() != null && contentType != null && !isJson(contentType)) {
      return Future.failedFuture(Failures.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Send the body as application/json, not " + contentType + "."));
    }
    return RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(ctx.body().buffer()))
        .map(request -> contentType != null || operation.getRequestBody() == null ? request
            : new ValidatableRequestImpl(request.getCookies(), request.getHeaders(), request.getPathParameters(),
                request.getQuery(), request.getBody(), JSON));
  }

  static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals(JSON) || mediaType.endsWith("+json");
  }
}
