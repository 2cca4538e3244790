package io.shpay.openbanking;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.serviceproxy.ServiceException;

/** Turns a refused KFTC answer into the SH Pay problem a client can act on. */
final class BankFailures {

  static final String INSUFFICIENT_FUNDS = "551";
  static final String NO_SUCH_ACCOUNT = "412";

  private BankFailures() {}

  static ServiceException of(KftcReply reply) {
    if (reply.tokenRefused()) {
      return Failures.of(ErrorCode.CONSENT_REQUIRED, "The bank refused SH Pay's access (" + reply.rspCode() + "); link again.");
    }
    String bankCode = reply.bankRspCode();
    if (INSUFFICIENT_FUNDS.equals(bankCode)) {
      return Failures.of(ErrorCode.INSUFFICIENT_FUNDS, "The bank says the balance is not enough (551).");
    }
    if (reply.outcomeUnknown()) {
      return Failures.of(ErrorCode.BANK_UNAVAILABLE, "The bank did not complete the request (999); try again later.");
    }
    if (bankCode != null) {
      return Failures.of(ErrorCode.BANK_REJECTED, "The bank refused the request: " + reply.message() + " (" + bankCode + ").");
    }
    return Failures.of(ErrorCode.BANK_ERROR, "KFTC refused the request: " + reply.message() + " (" + reply.rspCode() + ").");
  }

  /** {@code {code, detail}} of a failure, for an answer that reports it beside others that succeeded. */
  static io.vertx.core.json.JsonObject describe(Throwable failure) {
    ServiceException known = failure instanceof ServiceException e ? e
        : failure instanceof BankUnreachable ? unreachable() : Failures.of(ErrorCode.INTERNAL);
    String code = known.getDebugInfo() == null ? ErrorCode.INTERNAL.code()
        : known.getDebugInfo().getString("code", ErrorCode.INTERNAL.code());
    return new io.vertx.core.json.JsonObject().put("code", code).put("detail", known.getMessage());
  }

  static ServiceException unreachable() {
    return Failures.of(ErrorCode.BANK_UNAVAILABLE, "The bank did not answer in time; try again later.");
  }
}
