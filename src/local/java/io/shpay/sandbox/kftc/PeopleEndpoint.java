package io.shpay.sandbox.kftc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /sandbox/people}: the demo people a consent can be given as and their accounts, so a
 * developer without a browser knows which {@code sandbox_person} to post and what linking brings.
 * Not a KFTC API (the seed is public demo data, hence the full account numbers).
 */
final class PeopleEndpoint {

  static final String PATH = "/sandbox/people";

  private final Bank bank;

  PeopleEndpoint(Bank bank) {
    this.bank = bank;
  }

  void mount(Router router, io.vertx.ext.web.handler.BodyHandler bodies, String today) {
    router.get(PATH).respond(ctx -> Future.succeededFuture(list()));
    // Sandbox hooks, for trying a re-sync: the person opens a new account at a bank, or a bank closes one.
    router.post(PATH + "/:userSeqNo/accounts").handler(bodies).handler(ctx -> {
      var person = bank.person(ctx.pathParam("userSeqNo"));
      JsonObject body;
      try {
        body = ctx.body().asJsonObject();
      } catch (RuntimeException e) {
        body = null;
      }
      String bankCode = body == null ? null : body.getString("bankCode");
      String accountNum = body == null ? null : body.getString("accountNum");
      if (person.isEmpty() || bankCode == null || !bankCode.matches("\\d{3}") || accountNum == null
          || !accountNum.matches("[0-9-]{6,20}")) {
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", "a known sandboxPerson in the path, and bankCode (3 digits) and "
                + "accountNum (6 to 20 digits or dashes) in the body").encode());
        return;
      }
      Account account = bank.open(person.get(), bankCode, body.getString("bankName", "샌드박스은행"), accountNum,
          body.getString("accountAlias", "새 통장"), body.getString("holderName", person.get().userName()),
          body.getLong("balance", 0L), today);
      ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("fintechUseNum", account.fintechUseNum).put("bankCode", account.bankCodeStd)
              .put("accountNum", account.accountNum).encode());
    });
    router.post("/sandbox/accounts/:fintechUseNum/close").handler(ctx -> {
      var account = bank.find(ctx.pathParam("fintechUseNum"));
      account.ifPresent(found -> found.closed = true);
      ctx.response().setStatusCode(account.isPresent() ? 200 : 404).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("closed", account.isPresent()).encode());
    });
  }

  private JsonObject list() {
    JsonArray people = new JsonArray();
    for (Person person : bank.people()) {
      JsonArray accounts = new JsonArray();
      for (Account account : bank.accountsOf(person)) {
        accounts.add(new JsonObject()
            .put("bankCode", account.bankCodeStd)
            .put("bankName", account.bankName)
            .put("accountNum", account.accountNum)
            .put("accountAlias", account.accountAlias)
            .put("balance", account.balance())
            .put("closed", account.closed));
      }
      people.add(new JsonObject().put("sandboxPerson", person.userSeqNo()).put("name", person.userName())
          .put("accounts", accounts));
    }
    return new JsonObject().put("people", people);
  }
}
