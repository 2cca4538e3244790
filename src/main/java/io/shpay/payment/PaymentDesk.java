package io.shpay.payment;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.ids.DailyUniqueIds;
import io.shpay.openbanking.AccountView;
import io.shpay.openbanking.OpenBankingService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.UUID;

/**
 * Pays a checkout. The checkout row is locked while the payment is recorded and the checkout
 * marked PROCESSING, so of any number of concurrent attempts exactly one reaches the bank; the
 * others are told the checkout is not payable. The bank-side id is fixed on the payment before
 * the bank is asked.
 */
final class PaymentDesk {

  private final Pool pool;
  private final Checkouts checkouts;
  private final PaymentRecords records;
  private final FinAccounts finAccounts;
  private final OpenBankingService openBanking;
  private final IsTunos isTunos;
  private final Rails rails;
  private final Settlement settlement;
  private final Clock clock;

  PaymentDesk(Pool pool, Checkouts checkouts, PaymentRecords records, FinAccounts finAccounts,
      OpenBankingService openBanking, IsTunos isTunos, Rails rails, Settlement settlement, Clock clock) {
    this.pool = pool;
    this.checkouts = checkouts;
    this.records = records;
    this.finAccounts = finAccounts;
    this.openBanking = openBanking;
    this.isTunos = isTunos;
    this.rails = rails;
    this.settlement = settlement;
    this.clock = clock;
  }

  Future<JsonObject> pay(String userId, String checkoutId, String accountId) {
    return source(userId, accountId).compose(rail -> rails.ensureAvailable(rail)
        .compose(available -> "NH".equals(rail) ? isTunos.issue() : Future.succeededFuture((DailyUniqueIds.Issued) null))
        .compose(tranId -> record(userId, checkoutId, accountId, rail, tranId))
        .compose(payment -> rails.charge(payment)
            .compose(result -> settlement.apply(payment, result))
            .compose(settled -> records.paymentView(pool, payment.id()))));
  }

  /** Which rail the account belongs to: the user's own NH FinAccount or KFTC-linked account, else not found. */
  private Future<String> source(String userId, String accountId) {
    return finAccounts.owned(userId, accountId).compose(finAccount -> {
      if (finAccount.isPresent()) {
        return finAccount.get().verified() ? Future.succeededFuture("NH")
            : Failures.fail(ErrorCode.FIN_ACCOUNT_UNVERIFIED, "This FinAccount is not proven yours yet: confirm the "
                + "code of its 1-won deposit at POST /api/v1/fin-accounts/" + accountId + "/verify.");
      }
      return openBanking.accounts(userId)
          .otherwise(java.util.List.of())
          .compose(linked -> linked.stream().map(AccountView::id).anyMatch(accountId::equals)
              ? Future.succeededFuture("KFTC")
              : Failures.fail(ErrorCode.NOT_FOUND, "No account with this id."));
    });
  }

  private Future<MoneyMovement> record(String userId, String checkoutId, String accountId, String rail,
      DailyUniqueIds.Issued tranId) {
    return pool.withTransaction(connection -> checkouts.lock(connection, checkoutId).compose(found -> {
      if (found.isEmpty()) {
        return Failures.fail(ErrorCode.NOT_FOUND, "No checkout with this id.");
      }
      Checkouts.Checkout checkout = found.get();
      if (!Checkouts.OPEN.equals(checkout.status())) {
        return Failures.fail(ErrorCode.CHECKOUT_NOT_PAYABLE, Checkouts.PAID.equals(checkout.status())
            ? "This checkout is already paid." : "A payment of this checkout is in progress.");
      }
      String paymentId = UUID.randomUUID().toString();
      MoneyMovement payment = new MoneyMovement(paymentId, paymentId, checkout.id(), checkout.merchantId(), userId,
          checkout.amount(), rail, accountId, tranId == null ? null : tranId.id(),
          tranId == null ? null : tranId.dayText(), null, MoneyMovement.REQUESTED, 0, clock.instant());
      return records.insertPayment(connection, payment)
          .compose(inserted -> checkouts.setStatus(connection, checkout.id(), Checkouts.PROCESSING))
          .map(payment);
    }));
  }
}
