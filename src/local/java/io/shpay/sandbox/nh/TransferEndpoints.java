package io.shpay.sandbox.nh;

import io.shpay.sandbox.KoreanWire;
import io.vertx.core.json.JsonObject;

/**
 * The money calls: {@code DrawingTransfer} (a payment: the user's FinAccount to SH Pay) and the
 * two refunds, {@code ReceivedTransferAccountNumber} and {@code ReceivedTransferFinAccount} (SH
 * Pay to the user). Every field is checked before anything is looked up, so a malformed request
 * is E0002 whatever account it names. The request's IsTuno becomes the {@code Tuno} of both
 * history lines, which is how a client settles a transfer whose answer it never got.
 */
final class TransferEndpoints {

  private final Bank bank;

  TransferEndpoints(Bank bank) {
    this.bank = bank;
  }

  void register(NhCalls calls) {
    calls.register(ApiNames.DRAWING, this::drawing);
    calls.register(ApiNames.RECEIVED_ACCOUNT_NUMBER, this::receivedByAccountNumber);
    calls.register(ApiNames.RECEIVED_FIN_ACCOUNT, this::receivedByFinAccount);
  }

  private JsonObject drawing(Exchange ex) {
    JsonObject body = ex.body();
    String finAcno = Fields.finAcno(body);
    long amount = Wire.amount(Fields.string(body, "Tram"), "Tram");
    String dractOtlt = Fields.passbookText(body, "DractOtlt");
    String mractOtlt = Fields.passbookText(body, "MractOtlt");

    FinAccount finAccount = bank.finAccount(finAcno);
    bank.draw(finAccount, amount, dractOtlt, mractOtlt, ex.now(), ex.isTuno());
    return new JsonObject()
        .put("FinAcno", finAccount.finAcno())
        .put("RgsnYmd", KoreanWire.DATE.format(finAccount.registeredOn()));
  }

  private JsonObject receivedByAccountNumber(Exchange ex) {
    JsonObject body = ex.body();
    String bankCode = Fields.bankCode(body);
    String accountNumber = Fields.accountNumber(body);
    long amount = Wire.amount(Fields.string(body, "Tram"), "Tram");
    String dractOtlt = Fields.passbookText(body, "DractOtlt");
    String mractOtlt = Fields.passbookText(body, "MractOtlt");

    bank.pay(bank.existing(bankCode, accountNumber), amount, dractOtlt, mractOtlt, ex.now(), ex.isTuno());
    return new JsonObject();
  }

  private JsonObject receivedByFinAccount(Exchange ex) {
    JsonObject body = ex.body();
    String finAcno = Fields.finAcno(body);
    long amount = Wire.amount(Fields.string(body, "Tram"), "Tram");
    String dractOtlt = Fields.passbookText(body, "DractOtlt");
    String mractOtlt = Fields.passbookText(body, "MractOtlt");

    bank.pay(bank.finAccount(finAcno).ledger(), amount, dractOtlt, mractOtlt, ex.now(), ex.isTuno());
    return new JsonObject();
  }
}
