package io.shpay.payment;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** {@link PaymentService}, delegating to the part that owns each concern. */
final class PaymentServiceImpl implements PaymentService {

  private final Pool pool;
  private final Merchants merchants;
  private final FinAccounts finAccounts;
  private final Checkouts checkouts;
  private final PaymentRecords records;
  private final PaymentDesk payments;
  private final RefundDesk refunds;
  private final Reconciler reconciler;
  private final OutboxRelay relay;
  private final UserPayments userPayments;

  PaymentServiceImpl(Pool pool, Merchants merchants, FinAccounts finAccounts, Checkouts checkouts,
      PaymentRecords records, PaymentDesk payments, RefundDesk refunds, Reconciler reconciler, OutboxRelay relay) {
    this.pool = pool;
    this.merchants = merchants;
    this.finAccounts = finAccounts;
    this.checkouts = checkouts;
    this.records = records;
    this.payments = payments;
    this.refunds = refunds;
    this.reconciler = reconciler;
    this.relay = relay;
    this.userPayments = new UserPayments(pool);
  }

  @Override
  public Future<JsonObject> createMerchant(String name) {
    return merchants.create(name);
  }

  @Override
  public Future<Void> revokeMerchantKey(String merchantId) {
    return merchants.revoke(merchantId);
  }

  @Override
  public Future<String> authenticateMerchant(String apiKey) {
    return merchants.authenticate(apiKey);
  }

  @Override
  public Future<JsonObject> issueFinAccount(String userId, String userName, String bankCode, String accountNumber,
      String birthDate) {
    return finAccounts.issue(userId, userName, bankCode, accountNumber, birthDate);
  }

  @Override
  public Future<JsonObject> verifyFinAccount(String userId, String finAccountId, String code) {
    return finAccounts.verify(userId, finAccountId, code);
  }

  @Override
  public Future<JsonObject> finAccounts(String userId) {
    return finAccounts.ofUser(userId);
  }

  @Override
  public Future<JsonObject> createCheckout(String merchantId, String orderId, long amount, String itemName) {
    return checkouts.create(merchantId, orderId, amount, itemName);
  }

  @Override
  public Future<JsonObject> checkout(String checkoutId) {
    return checkouts.find(checkoutId).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "No checkout with this id.")));
  }

  @Override
  public Future<JsonObject> pay(String userId, String checkoutId, String accountId) {
    return payments.pay(userId, checkoutId, accountId);
  }

  @Override
  public Future<JsonObject> payment(String merchantId, String paymentId) {
    return records.payment(pool, paymentId).compose(found -> found.filter(p -> p.merchantId().equals(merchantId))
        .map(p -> records.paymentView(pool, paymentId))
        .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "No payment with this id.")));
  }

  @Override
  public Future<JsonObject> refund(String merchantId, String paymentId, long amount, String reason) {
    return refunds.refund(merchantId, paymentId, amount, reason);
  }

  @Override
  public Future<JsonObject> listUserPayments(String userId, String status, String from, String to, int limit) {
    java.time.LocalDate first;
    java.time.LocalDate last;
    try {
      first = java.time.LocalDate.parse(from);
      last = java.time.LocalDate.parse(to);
    } catch (RuntimeException e) {
      return Failures.fail(ErrorCode.VALIDATION_FAILED, "from and to must be dates like 2026-11-21.");
    }
    if (status != null && !java.util.Set.of("REQUESTED", "APPROVED", "FAILED", "UNKNOWN").contains(status)) {
      return Failures.fail(ErrorCode.VALIDATION_FAILED, "status must be REQUESTED, APPROVED, FAILED or UNKNOWN.");
    }
    return userPayments.list(userId, status, first, last, limit);
  }

  @Override
  public Future<Integer> reconcile() {
    return reconciler.run();
  }

  @Override
  public Future<Integer> relayOutbox() {
    return relay.relay();
  }
}
