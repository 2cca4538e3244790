package io.shpay.api;

import io.shpay.payment.FinAccountBalance;
import io.shpay.payment.FinAccountLine;
import io.shpay.payment.FinAccountView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The REST bodies of a user's NH FinAccounts, field by field from what the payment service answers: the account
 * (its number masked), its balance and its history lines.
 */
final class FinAccountJson {

  private FinAccountJson() {}

  static JsonObject finAccount(FinAccountView account) {
    JsonObject json = new JsonObject()
        .put("id", account.id())
        .put("bankCode", account.bankCode())
        .put("accountNumMasked", account.accountNumMasked())
        .put("nickname", account.nickname())
        .put("status", account.status().name())
        .put("createdAt", account.createdAt().toString());
    if (account.verificationExpiresAt() != null) {
      json.put("verificationExpiresAt", account.verificationExpiresAt().toString());
    }
    return json;
  }

  static JsonObject finAccounts(List<FinAccountView> accounts) {
    JsonArray items = new JsonArray();
    accounts.forEach(account -> items.add(finAccount(account)));
    return new JsonObject().put("items", items);
  }

  static JsonObject balance(FinAccountBalance balance) {
    return new JsonObject()
        .put("finAccountId", balance.finAccountId())
        .put("balance", balance.balance())
        .put("available", balance.available())
        .put("currency", "KRW")
        .put("asOf", balance.asOf().toString())
        .put("stale", balance.stale());
  }

  static JsonArray lines(List<FinAccountLine> lines) {
    JsonArray items = new JsonArray();
    lines.forEach(line -> items.add(new JsonObject()
        .put("date", line.date())
        .put("time", line.time())
        .put("direction", line.direction().name())
        .put("description", line.description())
        .put("amount", line.amount())
        .put("balanceAfter", line.balanceAfter())
        .put("cancelled", line.cancelled())));
    return items;
  }
}
