package io.shpay.testing;

import io.shpay.api.ApiContract;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks every response a test client receives against its operation in {@code shpay-v1.yaml}: the status must be
 * one the operation declares (or its {@code default}), and the body must match that response's schema. A mismatch
 * fails the request's future with an {@link AssertionError} naming the operation and what did not match, so the test
 * that asked fails. Responses of paths the contract does not describe (a 404 for a made-up path, the docs page's files)
 * are left alone: the route test already proves the contract and the router name the same routes.
 */
public final class ContractCheck implements Handler<HttpContext<?>> {

  private static volatile OpenAPIContract contract;

  private final ResponseValidator validator;

  private ContractCheck(Vertx vertx) {
    this.validator = ResponseValidator.create(vertx, contract(vertx));
  }

  /** {@code client}, with every response it receives checked against the contract. */
  public static WebClient checking(Vertx vertx, WebClient client) {
    ((WebClientInternal) client).addInterceptor(new ContractCheck(vertx));
    return client;
  }

  /** The contract, read once per test JVM (it never changes while the tests run). */
  static OpenAPIContract contract(Vertx vertx) {
    if (contract == null) {
      synchronized (ContractCheck.class) {
        if (contract == null) {
          contract = Await.await(ApiContract.load(vertx), Duration.ofSeconds(30)).contract();
        }
      }
    }
    return contract;
  }

  @Override
  public void handle(HttpContext<?> ctx) {
    if (ctx.phase() != ClientPhase.DISPATCH_RESPONSE) {
      ctx.next();
      return;
    }
    String uri = ctx.requestOptions().getURI() == null ? ctx.request().uri() : ctx.requestOptions().getURI();
    String path = uri.split("\\?", 2)[0];
    Operation operation = contract.findOperation(path, ctx.request().method());
    if (operation == null) {
      ctx.next();
      return;
    }
    HttpResponse<?> response = ctx.response();
    String contentType = response.getHeader("Content-Type");
    Buffer body = body(response.body());
    Map<String, String> headers = new LinkedHashMap<>();
    response.headers().forEach(header -> headers.putIfAbsent(header.getKey(), header.getValue()));
    String where = operation.getOperationId() + " (" + ctx.request().method() + " " + path + ") answered "
        + response.statusCode();
    if (body != null && body.length() > 0 && (contentType == null || !isJson(contentType))) {
      // Text bodies (event streams, metrics, the YAML document) have no schema beyond "a string" here; vertx-openapi 5.0
      // cannot read them, so only the status is checked.
      if (operation.getResponse(response.statusCode()) == null && operation.getDefaultResponse() == null) {
        ctx.fail(new AssertionError("The response breaks the contract: " + where + ", a status it does not declare"));
      } else {
        ctx.next();
      }
      return;
    }
    ValidatableResponse checked = body == null || body.length() == 0
        ? ValidatableResponse.create(response.statusCode(), headers)
        : ValidatableResponse.create(response.statusCode(), headers, body, ApiContract.vertxMediaType(contentType));
    validator.validate(checked, operation.getOperationId()).onComplete(validated -> {
      if (validated.succeeded()) {
        ctx.next();
      } else {
        ctx.fail(new AssertionError("The response breaks the contract: " + where + ": " + reason(validated.cause())
            + (body == null ? "" : "\nbody: " + abbreviated(body.toString())), validated.cause()));
      }
    });
  }

  private static boolean isJson(String contentType) {
    String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return bare.equals("application/json") || bare.endsWith("+json");
  }

  private static Buffer body(Object body) {
    if (body instanceof Buffer buffer) {
      return buffer;
    }
    if (body instanceof JsonObject object) {
      return object.toBuffer();
    }
    if (body instanceof JsonArray array) {
      return array.toBuffer();
    }
    return null;
  }

  private static String reason(Throwable failure) {
    if (failure instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      StringBuilder reasons = new StringBuilder(failure.getMessage());
      OutputUnit unit = schema.getOutputUnit();
      if (unit.getErrors() != null) {
        unit.getErrors().forEach(error -> reasons.append("\n  ").append(error.getInstanceLocation()).append(": ")
            .append(error.getError()).append(" (").append(error.getKeywordLocation()).append(')'));
      }
      return reasons.toString();
    }
    return String.valueOf(failure.getMessage());
  }

  private static String abbreviated(String text) {
    return text.length() > 600 ? text.substring(0, 600) + "…" : text;
  }
}
