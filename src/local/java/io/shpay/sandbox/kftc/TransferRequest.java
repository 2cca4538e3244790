package io.shpay.sandbox.kftc;

import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/** Field rules the withdrawal and the deposit share (contracted account, requesting customer, purpose). */
final class TransferRequest {

  private static final Pattern ACCOUNT_NUM = Pattern.compile("\\d{1,16}");
  private static final Pattern BANK_CODE = Pattern.compile("\\d{3}");

  private TransferRequest() {
  }

  static String contractedAccount(JsonObject body) {
    Fields.oneOf(Fields.string(body, "cntr_account_type"), "cntr_account_type", "N", "C");
    String number = Fields.requiredString(body, "cntr_account_num");
    if (!ACCOUNT_NUM.matcher(number).matches()) {
      throw KftcError.format("cntr_account_num must be 1 to 16 digits");
    }
    return number;
  }

  /**
   * The requesting customer: name, number, purpose, and either {@code req_client_fintech_use_num}
   * or {@code req_client_bank_code} + {@code req_client_account_num}, never both (spec).
   */
  static void requestingClient(JsonObject body) {
    Fields.maxLength(Fields.requiredString(body, "req_client_name"), "req_client_name", 20);
    Fields.maxLength(Fields.requiredString(body, "req_client_num"), "req_client_num", 20);
    Fields.oneOf(Fields.string(body, "transfer_purpose"), "transfer_purpose", "TR", "ST", "RC", "AU", "WD", "EX");
    String fintech = Fields.string(body, "req_client_fintech_use_num");
    String bankCode = Fields.string(body, "req_client_bank_code");
    String accountNum = Fields.string(body, "req_client_account_num");
    boolean byFintech = fintech != null && !fintech.isEmpty();
    boolean byAccount = (bankCode != null && !bankCode.isEmpty()) || (accountNum != null && !accountNum.isEmpty());
    if (byFintech == byAccount) {
      throw KftcError.format("give either req_client_fintech_use_num or req_client_bank_code with"
          + " req_client_account_num, not both and not neither");
    }
    if (byFintech) {
      Fields.fintechUseNum(fintech);
    } else if (bankCode == null || !BANK_CODE.matcher(bankCode).matches()
        || accountNum == null || !ACCOUNT_NUM.matcher(accountNum).matches()) {
      throw KftcError.format("req_client_bank_code must be 3 digits and req_client_account_num 1 to 16 digits");
    }
  }

  /** Masks the last three digits, as KFTC shows account numbers. */
  static String mask(String accountNum) {
    int keep = Math.max(0, accountNum.length() - 3);
    return accountNum.substring(0, keep) + "*".repeat(accountNum.length() - keep);
  }
}
