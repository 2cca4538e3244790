package io.shpay.payment;

import io.shpay.common.json.MovementQuery;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Payments for partner platforms, served by {@link PaymentVerticle}. Payments, refunds and
 * checkouts come back as records; each public contract (the REST body, the event, the webhook)
 * picks its own fields from them in its own place. Every method taking a merchant or user id acts
 * for that caller only: someone else's payment or account is {@code not_found}.
 *
 * <p>Failures: {@code not_found}, {@code order_exists}, {@code checkout_not_payable},
 * {@code payment_not_refundable}, {@code refund_exceeds_payment}, {@code bank_rejected},
 * {@code bank_unavailable}, {@code unauthenticated} (merchant keys).
 */
@ProxyGen
@VertxGen
public interface PaymentService {

  String ADDRESS = "shpay.payment";

  static PaymentService proxy(Vertx vertx) {
    return new PaymentServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * A proxy waiting {@code sendTimeoutMillis} for each answer ({@link io.shpay.common.config.BusTimeouts#payments}).
   * Its requests reach the payment verticle without the bus's deep copy: the proxy builds each one for its send only.
   */
  static PaymentService proxyWaitingUpTo(Vertx vertx, long sendTimeoutMillis) {
    return new PaymentServiceVertxEBProxy(vertx, ADDRESS,
        io.shpay.common.json.LocalJsonCodec.deliveryOptions(vertx).setSendTimeout(sendTimeoutMillis));
  }

  /** {@code {id, name, apiKey, apiKeyHint}}: the key is returned here and never again. */
  Future<NewMerchant> createMerchant(String name);

  Future<Void> revokeMerchantKey(String merchantId);

  /** The merchant id of a live API key. */
  Future<String> authenticateMerchant(String apiKey);

  /**
   * Issues an NH FinAccount for the user, whose name NH must name as the account's holder, and sends
   * the 1-won deposit whose code {@link #verifyFinAccount} confirms; nothing is stored when NH refuses.
   */
  Future<FinAccountView> issueFinAccount(String userId, String userName, String bankCode, String accountNumber,
      String birthDate);

  /** Confirms the code of the FinAccount's 1-won deposit; until then it cannot be charged. */
  Future<FinAccountView> verifyFinAccount(String userId, String finAccountId, String code);

  Future<List<FinAccountView>> finAccounts(String userId);

  /** One of the user's FinAccounts; another user's, or a deleted one, is {@code not_found}. */
  Future<FinAccountView> finAccount(String userId, String finAccountId);

  /**
   * The FinAccount's balance through NH InquireBalance: from the cache at once (refreshed behind the answer when
   * stale), or from NH when {@code fresh}. {@code fin_account_unverified} until its 1-won code is confirmed.
   */
  Future<FinAccountBalance> finAccountBalance(String userId, String finAccountId, boolean fresh);

  /** One page of the FinAccount's lines from NH's transaction history, newest first. */
  Future<FinAccountHistoryPage> finAccountHistory(String userId, String finAccountId, FinAccountHistoryQuery query);

  /** Names the FinAccount; {@code nickname} null removes the name. */
  Future<FinAccountView> renameFinAccount(String userId, String finAccountId, String nickname);

  /** Deletes the FinAccount: it can no longer be charged; its payments stay readable and refundable. */
  Future<Void> deleteFinAccount(String userId, String finAccountId);

  /**
   * The user's payments and the refunds they received, each newest first and at most {@code query.limit()} of each
   * ({@code kinds} {@code payment} and/or {@code refund}); the caller merges the page
   * ({@link io.shpay.common.json.MovementPage}).
   */
  Future<PaymentMovementPage> movements(String userId, MovementQuery query);

  /** Whether a payment of the user, or a refund of one, is not settled yet. */
  Future<Boolean> hasOpenMovements(String userId);

  /**
   * The user closes their SH Pay account: every FinAccount is deleted (no longer listed or chargeable; kept with
   * its FinAcno so that refunds of its payments still reach it and look-ups still find them).
   */
  Future<Void> forgetUser(String userId);

  Future<CheckoutRecord> createCheckout(String merchantId, String orderId, long amount, String itemName);

  Future<CheckoutRecord> checkout(String checkoutId);

  /**
   * Pays the checkout from the user's NH FinAccount or KFTC-linked account. The payment carries
   * {@code idempotencyKey}: asked again with a key it already has, this answers that payment as it
   * is now and charges nothing; the same key for another checkout is {@code idempotency_key_reused}.
   */
  Future<PaymentRecord> pay(String userId, String checkoutId, String accountId, String idempotencyKey);

  /**
   * {@link #pay} with the payment row as the Idempotency-Key's only record: the payment carries the key and the
   * request's fingerprint, and says itself whether the request is done ({@link #paymentOfKey}). When an earlier
   * request used the key (a payment carries it, or {@code idempotency_records} holds its answer) this records nothing
   * and fails {@code request_in_progress}, the caller answering from that record or payment, or
   * {@code idempotency_key_reused} when the payment was made for another request.
   */
  Future<PaymentRecord> payHoldingKey(String userId, String checkoutId, String accountId, IdempotencyClaim claim);

  /**
   * The payment {@code idempotencyKey} made for this user, as it is now, or null when the key made none: how a retry
   * of {@link #payHoldingKey} is answered. Reads only.
   */
  Future<PaymentRecord> paymentOfKey(String userId, String idempotencyKey);

  Future<PaymentRecord> payment(String merchantId, String paymentId);

  /** Refunds part or all of the payment; {@code idempotencyKey} works as for {@link #pay}. */
  Future<RefundRecord> refund(String merchantId, String paymentId, long amount, String reason, String idempotencyKey);

  /** The user's own payments asked by {@code query}, newest first, with merchant and item names; at most 100. */
  Future<List<UserPayment>> listUserPayments(String userId, UserPaymentQuery query);

  /**
   * Settles an UNKNOWN payment or refund with the bank's evidence, as {@code adminId}, written to the audit table in
   * the same transaction. Fails {@code not_found}, or {@code not_repairable} when it is not UNKNOWN.
   */
  Future<RepairRecord> repair(String adminId, RepairRequest request);

  /** Looks up due UNKNOWN payments and refunds at their banks; returns how many were settled. */
  Future<Integer> reconcile();

  /** Publishes unsent outbox events; returns how many were sent. */
  Future<Integer> relayOutbox();
}
