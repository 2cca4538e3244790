package io.shpay.api;

import io.shpay.history.HistoryEntry;
import io.shpay.history.HistoryPage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The REST bodies of the payment history, built field by field from its entries: the user's own
 * view, which never names the user, and support's, which does.
 */
final class HistoryJson {

  private HistoryJson() {}

  static JsonObject userPage(HistoryPage page) {
    return page(page, false);
  }

  static JsonObject supportPage(HistoryPage page) {
    return page(page, true);
  }

  private static JsonObject page(HistoryPage page, boolean withUser) {
    JsonArray items = new JsonArray();
    page.items().forEach(entry -> items.add(entry(entry, withUser)));
    return new JsonObject().put("items", items).put("nextCursor", page.nextCursor());
  }

  private static JsonObject entry(HistoryEntry entry, boolean withUser) {
    JsonObject json = new JsonObject()
        .put("eventId", entry.eventId())
        .put("type", entry.type().wire())
        .put("kind", entry.kind())
        .put("paymentId", entry.paymentId())
        .put("refundId", entry.refundId());
    if (withUser) {
      json.put("userId", entry.userId());
    }
    return json
        .put("merchantId", entry.merchantId())
        .put("orderId", entry.orderId())
        .put("rail", entry.rail().name())
        .put("amount", entry.amount())
        .put("refundedAmount", entry.refundedAmount())
        .put("currency", "KRW")
        .put("status", entry.status().name())
        .put("bankCode", entry.bankCode())
        .put("bankMessage", entry.bankMessage())
        .put("occurredAt", entry.occurredAt().toString());
  }
}
