package io.shpay.payment;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.json.MovementQuery;
import io.shpay.common.ops.InFlightWork;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.util.List;

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
  private final RepairDesk repairs;
  private final InFlightWork inFlight;
  private final FinAccountReader finAccountReader;

  PaymentServiceImpl(Pool pool, Merchants merchants, FinAccounts finAccounts, FinAccountReader finAccountReader,
      Checkouts checkouts,
      PaymentRecords records, PaymentDesk payments, RefundDesk refunds, Reconciler reconciler, OutboxRelay relay,
      RepairDesk repairs, InFlightWork inFlight) {
    this.pool = pool;
    this.finAccountReader = finAccountReader;
    this.repairs = repairs;
    this.merchants = merchants;
    this.finAccounts = finAccounts;
    this.checkouts = checkouts;
    this.records = records;
    this.payments = payments;
    this.refunds = refunds;
    this.reconciler = reconciler;
    this.relay = relay;
    this.userPayments = new UserPayments(pool);
    this.inFlight = inFlight;
  }

  @Override
  public Future<RepairRecord> repair(String adminId, RepairRequest request) {
    return repairs.repair(adminId, request);
  }

  @Override
  public Future<NewMerchant> createMerchant(String name) {
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
  public Future<FinAccountView> issueFinAccount(String userId, String userName, String bankCode, String accountNumber,
      String birthDate) {
    return finAccounts.issue(userId, userName, bankCode, accountNumber, birthDate);
  }

  @Override
  public Future<FinAccountView> verifyFinAccount(String userId, String finAccountId, String code) {
    return finAccounts.verify(userId, finAccountId, code);
  }

  @Override
  public Future<List<FinAccountView>> finAccounts(String userId) {
    return finAccounts.ofUser(userId);
  }

  @Override
  public Future<FinAccountView> finAccount(String userId, String finAccountId) {
    return finAccounts.detail(userId, finAccountId);
  }

  @Override
  public Future<FinAccountBalance> finAccountBalance(String userId, String finAccountId, boolean fresh) {
    return finAccountReader.balance(userId, finAccountId, fresh);
  }

  @Override
  public Future<FinAccountHistoryPage> finAccountHistory(String userId, String finAccountId,
      FinAccountHistoryQuery query) {
    return finAccountReader.history(userId, finAccountId, query);
  }

  @Override
  public Future<FinAccountView> renameFinAccount(String userId, String finAccountId, String nickname) {
    return finAccounts.rename(userId, finAccountId, nickname);
  }

  @Override
  public Future<Void> deleteFinAccount(String userId, String finAccountId) {
    return finAccounts.delete(userId, finAccountId);
  }

  @Override
  public Future<PaymentMovementPage> movements(String userId, MovementQuery query) {
    return new UserMovements(pool).page(userId, query);
  }

  @Override
  public Future<Boolean> hasOpenMovements(String userId) {
    return finAccounts.hasOpenMovements(userId);
  }

  @Override
  public Future<Void> forgetUser(String userId) {
    return finAccounts.deleteAllOf(userId);
  }

  @Override
  public Future<CheckoutRecord> createCheckout(String merchantId, String orderId, long amount, String itemName) {
    return checkouts.create(merchantId, orderId, amount, itemName);
  }

  @Override
  public Future<CheckoutRecord> checkout(String checkoutId) {
    return checkouts.find(checkoutId).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "No checkout with this id.")));
  }

  @Override
  public Future<PaymentRecord> pay(String userId, String checkoutId, String accountId, String idempotencyKey) {
    return inFlight.track(() -> payments.pay(userId, checkoutId, accountId, idempotencyKey));
  }

  @Override
  public Future<PaymentRecord> payHoldingKey(String userId, String checkoutId, String accountId, IdempotencyClaim claim) {
    return inFlight.track(() -> payments.payHoldingKey(userId, checkoutId, accountId, claim));
  }

  @Override
  public Future<PaymentRecord> paymentOfKey(String userId, String idempotencyKey) {
    return records.paymentByKey(pool, userId, idempotencyKey)
        .map(found -> found.map(PaymentRecords::paymentRecordOf).orElse(null));
  }

  @Override
  public Future<PaymentRecord> payment(String merchantId, String paymentId) {
    return records.paymentRow(pool, paymentId).compose(found -> found.map(PaymentRecords::paymentRecordOf)
        .filter(p -> p.merchantId().equals(merchantId))
        .map(Future::succeededFuture)
        .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "No payment with this id.")));
  }

  @Override
  public Future<RefundRecord> refund(String merchantId, String paymentId, long amount, String reason,
      String idempotencyKey) {
    return inFlight.track(() -> refunds.refund(merchantId, paymentId, amount, reason, idempotencyKey));
  }

  @Override
  public Future<java.util.List<UserPayment>> listUserPayments(String userId, UserPaymentQuery query) {
    return userPayments.list(userId, query);
  }

  @Override
  public Future<Integer> reconcile() {
    return inFlight.track(reconciler::run);
  }

  @Override
  public Future<Integer> relayOutbox() {
    return relay.relay();
  }
}
