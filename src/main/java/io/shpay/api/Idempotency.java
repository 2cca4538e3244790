package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for requests that move money. The first request with a key claims it
 * with a fingerprint of method, path and body; its final response, success or problem, is stored
 * and replayed to every retry with {@code Idempotent-Replayed: true}. The same key with another
 * body is refused (422); a retry while the first is still running gets 409. Keys are scoped to
 * the caller, so two users can never collide.
 *
 * <p>A request that never finishes (the process died mid-way) keeps answering 409 until its
 * retention ends: releasing it early could move the money twice.
 */
final class Idempotency {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final int MAX_KEY_LENGTH = 255;

  private final IdempotencyStore store;

  Idempotency(IdempotencyStore store) {
    this.store = store;
  }

  /** Runs {@code action} once per (scope, key) and writes its response, or replays the stored one. */
  Future<Void> run(RoutingContext ctx, String scope, Supplier<Future<ApiResponse>> action) {
    String key = ctx.request().getHeader(HEADER);
    if (key == null || key.isBlank()) {
      return Future.failedFuture(Failures.invalid(HEADER, "is required for requests that move money"));
    }
    if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      return Future.failedFuture(Failures.invalid(HEADER, "must be 1 to 255 visible ASCII characters"));
    }
    byte[] fingerprint = fingerprint(ctx);
    return store.claim(scope, key, fingerprint).compose(earlier -> {
      if (earlier instanceof IdempotencyStore.Mismatch) {
        return Future.failedFuture(Failures.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "This Idempotency-Key was already used with a different request; use a new key."));
      }
      if (earlier instanceof IdempotencyStore.InProgress) {
        return Future.failedFuture(Failures.of(ErrorCode.REQUEST_IN_PROGRESS,
            "The first request with this Idempotency-Key is still running; retry shortly."));
      }
      if (earlier instanceof IdempotencyStore.Completed completed) {
        ctx.response().putHeader(REPLAYED, "true");
        completed.response().writeTo(ctx);
        return Future.succeededFuture();
      }
      return action.get()
          .otherwise(failure -> {
            Problem problem = ProblemHandler.classify(failure, 500);
            String requestId = RequestIdHandler.requestId(ctx);
            ProblemHandler.log(ctx, problem, requestId, failure);
            return ApiResponse.problem(problem, ctx.request().path(), requestId);
          })
          .compose(response -> store.complete(scope, key, response).map(response))
          .map(response -> {
            response.writeTo(ctx);
            return null;
          });
    });
  }

  private static byte[] fingerprint(RoutingContext ctx) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((ctx.request().method().name() + " " + ctx.request().path() + "\n").getBytes(StandardCharsets.UTF_8));
      if (ctx.body().buffer() != null) {
        digest.update(ctx.body().buffer().getBytes());
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
