package io.shpay.payment;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Payments for partner platforms, served by {@link PaymentVerticle}. Views are JSON objects in
 * the shapes the REST API returns (see README, "Payments"). Every method taking a merchant or user
 * id acts for that caller only: someone else's payment or account is {@code not_found}.
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

  /** {@code {id, name, apiKey, apiKeyHint}}: the key is returned here and never again. */
  Future<JsonObject> createMerchant(String name);

  Future<Void> revokeMerchantKey(String merchantId);

  /** The merchant id of a live API key. */
  Future<String> authenticateMerchant(String apiKey);

  /**
   * Issues an NH FinAccount for the user, whose name NH must name as the account's holder, and sends
   * the 1-won deposit whose code {@link #verifyFinAccount} confirms; nothing is stored when NH refuses.
   */
  Future<JsonObject> issueFinAccount(String userId, String userName, String bankCode, String accountNumber,
      String birthDate);

  /** Confirms the code of the FinAccount's 1-won deposit; until then it cannot be charged. */
  Future<JsonObject> verifyFinAccount(String userId, String finAccountId, String code);

  Future<JsonObject> finAccounts(String userId);

  Future<JsonObject> createCheckout(String merchantId, String orderId, long amount, String itemName);

  Future<JsonObject> checkout(String checkoutId);

  /** Pays the checkout from the user's NH FinAccount or KFTC-linked account. */
  Future<JsonObject> pay(String userId, String checkoutId, String accountId);

  Future<JsonObject> payment(String merchantId, String paymentId);

  Future<JsonObject> refund(String merchantId, String paymentId, long amount, String reason);

  /**
   * The user's own payments, newest first: {@code {items:[…]}} with merchant and item names.
   * {@code status} (REQUESTED, APPROVED, FAILED, UNKNOWN) may be null for all; {@code from} and
   * {@code to} are Asia/Seoul dates ({@code 2026-11-21}), both included; at most 100 items.
   */
  Future<JsonObject> listUserPayments(String userId, String status, String from, String to, int limit);

  /** Looks up due UNKNOWN payments and refunds at their banks; returns how many were settled. */
  Future<Integer> reconcile();

  /** Publishes unsent outbox events; returns how many were sent. */
  Future<Integer> relayOutbox();
}
