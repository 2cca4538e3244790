package io.shpay.sandbox.kftc;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /v2.0/account/cancel} (the person's token), KFTC's 계좌해지: the person withdraws one account from this
 * institution. Body {@code bank_tran_id}, {@code scope} ({@code inquiry} or {@code transfer}: which agreement ends;
 * sandbox choice: either ends both) and {@code fintech_use_num}. Afterwards account/list no longer shows it and every
 * call on it is 412, until the person consents again.
 */
final class AccountCancelEndpoint {

  static final String PATH = "/v2.0/account/cancel";

  private final Bank bank;
  private final BearerGuard guard;
  private final BankTranIds bankTranIds;

  AccountCancelEndpoint(Bank bank, BearerGuard guard, BankTranIds bankTranIds) {
    this.bank = bank;
    this.guard = guard;
    this.bankTranIds = bankTranIds;
  }

  void mount(Router router, BodyHandler bodies, KftcCalls calls) {
    router.post(PATH).handler(bodies).handler(calls.bank(this::cancel));
    router.route(PATH).handler(calls.bank(KftcCalls::methodNotAllowed));
  }

  private Reply cancel(Exchange ex) {
    Tokens.AccessGrant grant = guard.user(ex, null);
    JsonObject body = ex.json();
    String bankTranId = bankTranIds.checkFormat(Fields.string(body, "bank_tran_id"));
    ex.bankTranId(bankTranId);
    Fields.oneOf(Fields.string(body, "scope"), "scope", Scopes.INQUIRY, Scopes.TRANSFER);
    String fintechUseNum = Fields.fintechUseNum(Fields.string(body, "fintech_use_num"));
    bankTranIds.use(bankTranId);
    Account account = bank.account(fintechUseNum, grant.userSeqNo());
    ex.bankCodeTran(account.bankCodeStd);
    account.cancelled = true;
    return Reply.json(ex.bankOk()
        .put("bank_name", account.bankName)
        .put("fintech_use_num", account.fintechUseNum));
  }
}
