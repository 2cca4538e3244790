package io.shpay.sandbox.nh;

import io.vertx.core.json.JsonObject;

/**
 * {@code InquireBalance} (by FinAcno) and {@code InquireDepositorAccountNumber} (who holds an NH
 * account, asked before paying a refund to an account number). Sandbox choice: the sandbox has
 * no holds, so the ledger balance ({@code Ldbl}) and the payable balance ({@code RlpmAbamt})
 * are always equal.
 */
final class InquiryEndpoints {

  private final Bank bank;

  InquiryEndpoints(Bank bank) {
    this.bank = bank;
  }

  void register(NhCalls calls) {
    calls.register(ApiNames.BALANCE, this::balance);
    calls.register(ApiNames.DEPOSITOR, this::depositor);
  }

  private JsonObject balance(Exchange ex) {
    FinAccount finAccount = bank.finAccount(Fields.finAcno(ex.body()));
    String balance = Long.toString(finAccount.ledger().balance());
    return new JsonObject()
        .put("FinAcno", finAccount.finAcno())
        .put("Ldbl", balance)
        .put("RlpmAbamt", balance);
  }

  private JsonObject depositor(Exchange ex) {
    JsonObject body = ex.body();
    String bankCode = Fields.bankCode(body);
    String accountNumber = Fields.accountNumber(body);
    Ledger ledger = bank.existing(bankCode, accountNumber);
    return new JsonObject()
        .put("Bncd", bankCode)
        .put("Acno", accountNumber)
        .put("Dpnm", ledger.holderName());
  }
}
