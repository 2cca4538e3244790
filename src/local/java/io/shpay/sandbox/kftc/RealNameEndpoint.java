package io.shpay.sandbox.kftc;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.regex.Pattern;

/**
 * {@code POST /v2.0/inquiry/real_name} (oob token): who holds a real account number. An account
 * the sandbox bank does not hold is bank code 412. Sandbox choice: {@code account_holder_info}
 * (birth date or business number) is checked for form only, not against the holder.
 */
final class RealNameEndpoint {

  static final String PATH = "/v2.0/inquiry/real_name";

  private static final Pattern BANK_CODE = Pattern.compile("\\d{3}");
  private static final Pattern ACCOUNT_NUM = Pattern.compile("\\d{1,16}");

  private final Bank bank;
  private final BearerGuard guard;
  private final BankTranIds bankTranIds;

  RealNameEndpoint(Bank bank, BearerGuard guard, BankTranIds bankTranIds) {
    this.bank = bank;
    this.guard = guard;
    this.bankTranIds = bankTranIds;
  }

  void mount(Router router, BodyHandler bodies, KftcCalls calls) {
    router.post(PATH).handler(bodies).handler(calls.bank(this::realName));
    router.route(PATH).handler(calls.bank(KftcCalls::methodNotAllowed));
  }

  private Reply realName(Exchange ex) {
    guard.oob(ex);
    JsonObject body = ex.json();
    String bankTranId = bankTranIds.checkFormat(Fields.string(body, "bank_tran_id"));
    ex.bankTranId(bankTranId);
    Wire.dtime(Fields.string(body, "tran_dtime"), "tran_dtime");
    String bankCodeStd = Fields.string(body, "bank_code_std");
    if (bankCodeStd == null || !BANK_CODE.matcher(bankCodeStd).matches()) {
      throw KftcError.format("bank_code_std must be 3 digits");
    }
    String accountNum = Fields.string(body, "account_num");
    if (accountNum == null || !ACCOUNT_NUM.matcher(accountNum).matches()) {
      throw KftcError.format("account_num must be 1 to 16 digits");
    }
    String infoType = Fields.oneOf(Fields.string(body, "account_holder_info_type"), "account_holder_info_type",
        " ", "0", "1", "2", "3", "4", "5", "6");
    String info = Fields.maxLength(Fields.requiredString(body, "account_holder_info"), "account_holder_info", 13);
    bankTranIds.use(bankTranId);
    ex.bankCodeTran(bankCodeStd);

    Account account = bank.accountByNumber(bankCodeStd, accountNum).orElseThrow(
        () -> KftcError.bank(RspCodes.BANK_NO_SUCH_ACCOUNT, bankCodeStd, "no such account at this bank"));
    return Reply.json(ex.bankOk()
        .put("bank_code_std", account.bankCodeStd)
        .put("bank_code_sub", account.bankCodeSub)
        .put("bank_name", account.bankName)
        .put("savings_bank_name", "")
        .put("account_num", accountNum)
        .put("account_seq", account.accountSeq)
        .put("account_holder_info_type", infoType)
        .put("account_holder_info", info)
        .put("account_holder_name", account.accountHolderName)
        .put("account_type", account.accountType));
  }
}
