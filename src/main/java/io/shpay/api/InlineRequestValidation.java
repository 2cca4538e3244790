package io.shpay.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.InputTrustHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
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
 *
 * <p>One check is SH Pay's own: a string parameter (a path id, an {@code Idempotency-Key}) is its raw text, checked
 * against its schema as it came ({@link #validateParameter}).
 */
final class InlineRequestValidation extends RequestValidatorImpl {

  private final OpenAPIContract contract;

  InlineRequestValidation(Vertx vertx, OpenAPIContract contract) {
    super(vertx, contract);
    this.contract = contract;
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

  /**
   * A string parameter in the simple (path, header) or form (query, cookie) style is the text as sent, so it is
   * validated as that text. vertx-openapi reads every such value as JSON first and takes the text only when that
   * fails: an {@code Idempotency-Key} of {@code -1} or {@code 2.5} became a number and was refused as "not a string",
   * against the contract's own "1 to 255 visible ASCII characters", and {@code "a"} lost its quotes before its schema
   * saw it. Reading every UUID (a path id, the bench's keys) as JSON also threw and caught two exceptions per value,
   * stack traces and all (JFR, BENCHMARKS.md). Every other parameter goes through vertx-openapi as before.
   */
  @Override
  public RequestParameter validateParameter(Parameter parameter, RequestParameter value) throws ValidatorException {
    if (value == null || value.isNull() || !isPlainText(parameter)) {
      return super.validateParameter(parameter, value);
    }
    String text = String.valueOf(value.get());
    OutputUnit result = contract.getSchemaRepository().validator(parameter.getSchema()).validate(text);
    try {
      result.checkValidity();
    } catch (JsonSchemaValidationException invalid) {
      throw SchemaValidationException.createErrorFromOutputUnitType(parameter, result, invalid);
    }
    return new RequestParameterImpl(text);
  }

  private static boolean isPlainText(Parameter parameter) {
    return parameter.getSchemaType() == SchemaType.STRING
        && (parameter.getStyle() == Style.SIMPLE || parameter.getStyle() == Style.FORM);
  }
}
