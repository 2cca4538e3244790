package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.openbanking.OpenBankingService;
import io.shpay.payment.PaymentService;
import io.shpay.user.SessionService;
import io.shpay.user.UserService;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closing a person's SH Pay account, across the capabilities that hold something of theirs, each over its own
 * contract: the password is asked again; nothing may still be moving (an unsettled payment, refund, transfer or
 * move needs the accounts until the bank has settled it); then the KFTC consent is revoked and the accounts'
 * names erased, the FinAccounts deleted, and last the person's identity overwritten and every session ended. Each
 * step is idempotent, so a closure cut short (the bank did not answer) is finished by asking again.
 */
final class AccountClosure {

  private static final Logger AUDIT = LoggerFactory.getLogger("io.shpay.audit");

  private final UserService users;
  private final SessionService sessions;
  private final OpenBankingService openBanking;
  private final PaymentService payments;

  /** {@code openBanking} and {@code payments} are null in a process that serves neither. */
  AccountClosure(UserService users, SessionService sessions, OpenBankingService openBanking, PaymentService payments) {
    this.users = users;
    this.sessions = sessions;
    this.openBanking = openBanking;
    this.payments = payments;
  }

  Future<Void> close(String userId, String password, String clientIp) {
    return sessions.confirmPassword(userId, password, clientIp)
        .compose(confirmed -> openBanking == null ? Future.succeededFuture(false) : openBanking.hasOpenMovements(userId))
        .compose(banking -> banking || payments == null ? Future.succeededFuture(banking)
            : payments.hasOpenMovements(userId))
        .compose(moving -> moving
            ? Failures.<Void>fail(ErrorCode.MOVEMENTS_IN_PROGRESS, "A payment, refund or transfer of yours is still "
                + "being settled with the bank; close the account once it has settled.")
            : Future.<Void>succeededFuture())
        .compose(free -> openBanking == null ? Future.<Void>succeededFuture() : openBanking.forgetUser(userId))
        .compose(forgotten -> payments == null ? Future.<Void>succeededFuture() : payments.forgetUser(userId))
        .compose(deleted -> users.close(userId))
        .onSuccess(closed -> AUDIT.info("User {} closed their SH Pay account", userId));
  }
}
