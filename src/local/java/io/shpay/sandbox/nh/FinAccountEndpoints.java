package io.shpay.sandbox.nh;

import io.shpay.sandbox.KoreanWire;
import io.vertx.core.json.JsonObject;

/**
 * {@code OpenFinAccountDirect} and {@code CheckOpenFinAccountDirect}: issuing a FinAccount for an
 * NH account whose holder's birth date (or business number) the institution knows. Both steps
 * check the birth date, so an Rgno alone is not enough to get the FinAcno.
 *
 * <p>Sandbox choice: {@code DrtrRgyn} (register for drawing) must be Y or N but changes nothing;
 * every issued FinAccount can be drawn from.
 */
final class FinAccountEndpoints {

  private final Bank bank;

  FinAccountEndpoints(Bank bank) {
    this.bank = bank;
  }

  void register(NhCalls calls) {
    calls.register(ApiNames.OPEN_FIN_ACCOUNT, this::open);
    calls.register(ApiNames.CHECK_OPEN_FIN_ACCOUNT, this::check);
  }

  private JsonObject open(Exchange ex) {
    JsonObject body = ex.body();
    Fields.oneOf(body, "DrtrRgyn", "Y", "N");
    String birthDate = Fields.birthDate(body);
    String bankCode = Fields.bankCode(body);
    String accountNumber = Fields.accountNumber(body);

    Ledger ledger = bank.existing(bankCode, accountNumber);
    requireBirthDate(ledger, birthDate);
    return new JsonObject().put("Rgno", bank.finAccounts().register(ledger, ex.now().toLocalDate()));
  }

  private JsonObject check(Exchange ex) {
    JsonObject body = ex.body();
    String rgno = Fields.string(body, "Rgno");
    if (rgno == null || !rgno.matches("\\d{20}")) {
      throw NhError.field("Rgno must be the 20 digits OpenFinAccountDirect answered");
    }
    String birthDate = Fields.birthDate(body);

    Ledger ledger = bank.finAccounts().registration(rgno)
        .orElseThrow(() -> NhError.of(Rpcd.UNKNOWN_RGNO, "no OpenFinAccountDirect answered Rgno " + rgno));
    requireBirthDate(ledger, birthDate);
    FinAccount finAccount = bank.finAccounts().issue(ledger, ex.now().toLocalDate());
    return new JsonObject()
        .put("FinAcno", finAccount.finAcno())
        .put("RgsnYmd", KoreanWire.DATE.format(finAccount.registeredOn()));
  }

  private static void requireBirthDate(Ledger ledger, String birthDate) {
    if (!ledger.account.birthDate().equals(birthDate)) {
      throw NhError.of(Rpcd.BIRTH_DATE_MISMATCH, "BrdtBrno does not match the account holder");
    }
  }
}
