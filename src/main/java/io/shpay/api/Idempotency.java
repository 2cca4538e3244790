package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.payment.IdempotencyClaim;
import io.shpay.payment.PaymentRecord;
import io.shpay.payment.PaymentStatus;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.serviceproxy.ServiceException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for requests that move money. The first request with a key claims it
 * with a fingerprint of method, path and body, for a lease. The same key with another body is
 * refused (422); a retry while the first is still running gets 409. Keys are scoped to the
 * caller, so two users can never collide.
 *
 * <p>The action is given the key and binds it to the money it moves (the payment, refund or
 * transfer row carries it under a unique key, in the same transaction), so running the action
 * again with the same key never moves money again: it answers that row's current state. That is
 * what makes the rest safe and truthful:
 * <ul>
 *   <li>a replay of a success runs the action again, so it tells the current state (an UNKNOWN
 *       payment that was since approved replays as approved), with {@code Idempotent-Replayed: true};</li>
 *   <li>a client error (4xx) is final and replayed as stored;</li>
 *   <li>a 5xx is SH Pay's own failure (a timeout, a lost reply, an exhausted pool), possibly after
 *       the bank was called: it is never kept as the key's answer, the next retry runs again;</li>
 *   <li>a request that died mid-way (a crashed pod) holds its key only until the lease ends.</li>
 * </ul>
 *
 * <p>A pay writes no record for its key: the payment row carries the key and the request's fingerprint, and the
 * payment's status says whether the request is done ({@link #runPay}). The other routes claim and complete their keys
 * in commits of their own ({@link #run}).
 */
final class Idempotency {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final int MAX_KEY_LENGTH = 255;

  private final IdempotencyStore store;

  Idempotency(IdempotencyStore store) {
    this.store = store;
  }

  /**
   * Runs {@code action} with the key and writes its response, or answers from what the key left.
   * {@code action} must bind the key to the money it moves and, given a key it has seen, answer
   * the current state of that money without moving any.
   */
  Future<Void> run(RoutingContext ctx, String scope, Function<String, Future<ApiResponse>> action) {
    String key;
    try {
      key = key(ctx);
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
    byte[] fingerprint = fingerprint(ctx);
    return store.claim(scope, key, fingerprint).compose(earlier -> earlier instanceof IdempotencyStore.None
        ? answer(ctx, key, action)
            .compose(response -> (response.status() >= 500 ? store.release(scope, key) : store.complete(scope, key, response))
                .map(response))
            .map(response -> write(ctx, response))
        : fromEarlier(ctx, key, earlier, action));
  }

  /**
   * As {@link #run}, for a pay of {@code userId}, whose payment row is its key's record: the key goes to
   * {@code firstRun} as an {@link IdempotencyClaim} at once, unread and unwritten, so a fresh key costs no statement
   * or commit of its own. When an earlier request used the key, {@code firstRun} records nothing and fails
   * {@code request_in_progress} (or {@code idempotency_key_reused} for another request); only then is the key's record
   * read. With no record, the key's payment ({@code paymentOfKey}, shown by {@code view}) answers: 409 while it waits
   * for the bank within the lease of a request, else replayed as it is now. A record is a stored client error
   * (replayed), or a claim from before payments were their keys' records, answered alike within its own lease. A key
   * with neither runs {@code action} as {@link #run} would. A client error of the first run is stored as the key's
   * answer; SH Pay's own failure (5xx) stores nothing, and the next retry runs again.
   */
  Future<Void> runPay(RoutingContext ctx, String userId, Function<IdempotencyClaim, Future<ApiResponse>> firstRun,
      Function<String, Future<ApiResponse>> action, Function<String, Future<PaymentRecord>> paymentOfKey,
      Function<PaymentRecord, ApiResponse> view) {
    String key;
    try {
      key = key(ctx);
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
    byte[] fingerprint = fingerprint(ctx);
    String scope = "user:" + userId;
    IdempotencyClaim claim = store.claimFor(scope, key, fingerprint);
    Future<ApiResponse> ran = attempt(() -> firstRun.apply(claim));
    return ran.transform(first -> first.failed() && hasCode(first.cause(), ErrorCode.REQUEST_IN_PROGRESS)
        ? fromRecord(ctx, scope, key, fingerprint, action, paymentOfKey, view)
        : answer(ctx, key, ignored -> ran)
            .compose(response -> storeClientError(claim, userId, first, response).map(response))
            .map(response -> write(ctx, response)));
  }

  /**
   * A pay's key an earlier request used: its record read now. None, or a claim: the key's payment answers. The rest
   * as {@link #run}.
   */
  private Future<Void> fromRecord(RoutingContext ctx, String scope, String key, byte[] fingerprint,
      Function<String, Future<ApiResponse>> action, Function<String, Future<PaymentRecord>> paymentOfKey,
      Function<PaymentRecord, ApiResponse> view) {
    return store.find(scope, key, fingerprint).compose(earlier -> {
      if (earlier instanceof IdempotencyStore.Unused || earlier instanceof IdempotencyStore.Claimed) {
        Boolean claimLeaseOver = earlier instanceof IdempotencyStore.Claimed claimed ? claimed.leaseOver() : null;
        return attempt(() -> paymentOfKey.apply(key))
            .compose(payment -> fromPayment(ctx, scope, payment, claimLeaseOver, action, view));
      }
      return earlier instanceof IdempotencyStore.Stale ? run(ctx, scope, action)
          : fromEarlier(ctx, key, earlier, action);
    });
  }

  /**
   * The answer of the key's {@code payment} (null: none): 409 while it waits for the bank within the lease (the
   * claim's when there is one, {@code claimLeaseOver}, else that of a request begun when the payment was made), else
   * replayed as it is. With no payment, the key is run afresh, unless a claim holds it still.
   */
  private Future<Void> fromPayment(RoutingContext ctx, String scope, PaymentRecord payment, Boolean claimLeaseOver,
      Function<String, Future<ApiResponse>> action, Function<PaymentRecord, ApiResponse> view) {
    if (payment == null) {
      // No claim (the record the pay found went since), or one whose holder is gone: nothing holds the key.
      return claimLeaseOver == null || claimLeaseOver ? run(ctx, scope, action) : stillRunning();
    }
    boolean leaseOver = claimLeaseOver != null ? claimLeaseOver : store.leaseOverSince(payment.createdAt());
    return payment.status() == PaymentStatus.REQUESTED && !leaseOver ? stillRunning() : replay(ctx, view.apply(payment));
  }

  /** An answer for a key an earlier request used, marked as such. */
  private static Future<Void> replay(RoutingContext ctx, ApiResponse response) {
    ctx.response().putHeader(REPLAYED, "true");
    return Future.succeededFuture(write(ctx, response));
  }

  private static boolean hasCode(Throwable failure, ErrorCode code) {
    return failure instanceof ServiceException service && service.failureCode() == code.busCode();
  }

  /**
   * A pay's first run that recorded no payment and answered a client error: kept as the key's answer. Not a refusal
   * of the key itself ({@code idempotency_key_reused}: the key is another request's, whose retries it must still
   * answer).
   */
  private Future<Void> storeClientError(IdempotencyClaim claim, String userId, AsyncResult<ApiResponse> first,
      ApiResponse response) {
    boolean clientError = response.status() >= 400 && response.status() < 500;
    return clientError && !(first.failed() && hasCode(first.cause(), ErrorCode.IDEMPOTENCY_KEY_REUSED))
        ? store.completeUnpaid(claim, userId, response) : Future.succeededFuture();
  }

  /** The answer for a key an earlier request left: refused, still running, or replayed. */
  private static Future<Void> fromEarlier(RoutingContext ctx, String key, IdempotencyStore.Earlier earlier,
      Function<String, Future<ApiResponse>> action) {
    if (earlier instanceof IdempotencyStore.Mismatch) {
      return Future.failedFuture(Failures.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "This Idempotency-Key was already used with a different request; use a new key."));
    }
    if (earlier instanceof IdempotencyStore.Completed completed) {
      if (completed.response().status() >= 400) {
        return replay(ctx, completed.response());
      }
      // The money the key created, as it is now.
      return answer(ctx, key, action).compose(response -> replay(ctx, response));
    }
    return stillRunning();
  }

  private static Future<Void> stillRunning() {
    return Future.failedFuture(Failures.of(ErrorCode.REQUEST_IN_PROGRESS,
        "The first request with this Idempotency-Key is still running; retry shortly."));
  }

  private static Void write(RoutingContext ctx, ApiResponse response) {
    response.writeTo(ctx);
    return null;
  }

  private static String key(RoutingContext ctx) {
    String key = ctx.request().getHeader(HEADER);
    if (key == null || key.isBlank()) {
      throw Failures.invalid(HEADER, "is required for requests that move money");
    }
    if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw Failures.invalid(HEADER, "must be 1 to 255 visible ASCII characters");
    }
    return key;
  }

  private static Future<ApiResponse> answer(RoutingContext ctx, String key,
      Function<String, Future<ApiResponse>> action) {
    return attempt(() -> action.apply(key)).otherwise(failure -> {
      Problem problem = ProblemHandler.classify(failure, 500);
      String requestId = RequestIdHandler.requestId(ctx);
      ProblemHandler.log(ctx, problem, requestId, failure);
      return ApiResponse.problem(problem, ctx.request().path(), requestId);
    });
  }

  /** The action's future, or its failure when it throws instead of failing one. */
  private static <T> Future<T> attempt(Supplier<Future<T>> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
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
