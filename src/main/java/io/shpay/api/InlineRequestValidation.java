package io.shpay.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.InputTrustHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;

import java.util.HashMap;
import java.util.Map;

/**
 * The contract's request validation, run on the event loop that serves the request. vertx-openapi's own validator
 * hands every request to a worker thread and back ({@code executeBlocking}) for checks that take microseconds on a
 * body the body handler has already bounded: two thread hand-offs per request, and the worker pool's queue in front
 * of every answer under load. The checks are vertx-openapi's own (each parameter, then the body, with the same
 * validators), the result goes where the router builder puts it, and a refusal fails the request as the builder's
 * handler does, so {@link ContractProblems} names the fields as before.
 */
final class InlineRequestValidation extends RequestValidatorImpl {

  InlineRequestValidation(Vertx vertx, OpenAPIContract contract) {
    super(vertx, contract);
  }

  /** The handler that validates an operation's requests in place of the builder's. */
  InputTrustHandler handlerFor(Operation operation, RequestExtractor extractor) {
    return ctx -> extractor.extractValidatableRequest(ctx, operation).onComplete(extracted -> {
      if (extracted.failed()) {
        ctx.fail(extracted.cause());
        return;
      }
      ValidatedRequest validated;
      try {
        validated = validateNow(extracted.result(), operation);
      } catch (ValidatorException refused) {
        ctx.fail(new HttpException(400, refused.getMessage(), refused));
        return;
      } catch (RuntimeException failure) {
        ctx.fail(failure);
        return;
      }
      ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
      ctx.next();
    });
  }

  /** Every parameter of the operation, then its body; the first that breaks the contract throws. */
  ValidatedRequest validateNow(ValidatableRequest request, Operation operation) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter parameter : operation.getParameters()) {
      String name = parameter.getName();
      switch (parameter.getIn()) {
        case COOKIE -> cookies.put(name, validateParameter(parameter, request.getCookies().get(name)));
        case HEADER -> headers.put(name, validateParameter(parameter, request.getHeaders().get(name)));
        case PATH -> path.put(name, validateParameter(parameter, request.getPathParameters().get(name)));
        case QUERY -> query.put(name, validateParameter(parameter, request.getQuery().get(name)));
        default -> throw new IllegalStateException("A parameter in " + parameter.getIn());
      }
    }
    RequestParameter body = validateBody(operation.getRequestBody(), request);
    return new ValidatedRequestImpl(cookies, headers, path, query, body);
  }
}
