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

  void mount(Router router) {
    router.get(PATH).respond(ctx -> Future.succeededFuture(list()));
  }

  private JsonObject list() {
    JsonArray people = new JsonArray();
    for (Person person : bank.people()) {
      JsonArray accounts = new JsonArray();
      for (Account account : person.accounts()) {
        accounts.add(new JsonObject()
            .put("bankCode", account.bankCodeStd)
            .put("bankName", account.bankName)
            .put("accountNum", account.accountNum)
            .put("accountAlias", account.accountAlias)
            .put("balance", account.balance()));
      }
      people.add(new JsonObject().put("sandboxPerson", person.userSeqNo()).put("name", person.userName())
          .put("accounts", accounts));
    }
    return new JsonObject().put("people", people);
  }
}
