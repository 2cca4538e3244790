package io.shpay.sandbox.nh;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code GET /sandbox/accounts}: the seeded NH accounts with what registering a FinAccount on one
 * needs (bank code, account number, birth date), so the README's flow can be followed from a
 * terminal. Not an NH API (the seed is public demo data, hence the full account numbers).
 */
final class AccountsEndpoint {

  static final String PATH = "/sandbox/accounts";

  private static final int PASSBOOK_LINES = 20;

  private final Bank bank;

  AccountsEndpoint(Bank bank) {
    this.bank = bank;
  }

  void mount(Router router) {
    router.get(PATH).respond(ctx -> Future.succeededFuture(list()));
    router.get(PATH + "/:bankCode/:accountNumber/passbook").respond(ctx -> passbook(ctx));
  }

  /**
   * The account's newest lines, as its holder's bank app would show them: what a person reads to
   * learn the code of a 1-won deposit, without speaking NH's wire format.
   */
  private Future<JsonObject> passbook(RoutingContext ctx) {
    var ledger = bank.ledger(ctx.pathParam("bankCode"), ctx.pathParam("accountNumber"));
    if (ledger.isEmpty()) {
      ctx.response().setStatusCode(404);
      return Future.succeededFuture(new JsonObject().put("error", "no seeded NH account with this bank code and number"));
    }
    List<HistoryLine> history = ledger.get().history();
    JsonArray lines = new JsonArray();
    for (int i = history.size() - 1; i >= 0 && lines.size() < PASSBOOK_LINES; i--) {
      HistoryLine line = history.get(i);
      lines.add(new JsonObject().put("seoulTime", line.at().toString()).put("deposit", line.deposit())
          .put("amount", line.amount()).put("balanceAfter", line.afterBalance()).put("memo", line.summary()));
    }
    return Future.succeededFuture(new JsonObject().put("lines", lines));
  }

  private JsonObject list() {
    JsonArray accounts = new JsonArray();
    for (Account account : bank.accounts()) {
      Ledger ledger = bank.ledger(account.bankCode(), account.accountNumber()).orElseThrow();
      accounts.add(new JsonObject()
          .put("bankCode", account.bankCode())
          .put("accountNumber", account.accountNumber())
          .put("holderName", account.holderName())
          .put("birthDate", ledger.settlement ? null : isoDate(account.birthDate()))
          .put("balance", ledger.balance())
          .put("settlement", ledger.settlement));
    }
    return new JsonObject().put("accounts", accounts);
  }

  /** The seed's {@code yyyyMMdd} as SH Pay's API takes it ({@code 1995-04-12}). */
  private static String isoDate(String yyyymmdd) {
    return yyyymmdd.substring(0, 4) + "-" + yyyymmdd.substring(4, 6) + "-" + yyyymmdd.substring(6, 8);
  }
}
