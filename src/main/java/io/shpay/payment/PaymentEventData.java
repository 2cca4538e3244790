package io.shpay.payment;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * The data of a payment event, version 1 of {@code events/payment-event.v1.schema.json}, built
 * field by field from the records. A field reaches downstream teams only when it is written here
 * (and published in the schema); a field added to the REST body does not.
 */
public final class PaymentEventData {

  public static final int SCHEMA_VERSION = 1;

  private PaymentEventData() {}

  /**
   * @param orderId the checkout's order id (the merchant's own)
   * @param accountMasked the paying account with all but its last four digits masked, or null
   * @param refund the refund concerned, on refund events; else null
   */
  public static JsonObject of(long sequence, PaymentRecord payment, String orderId, String accountMasked, RefundRecord refund,
      Instant occurredAt) {
    JsonObject data = new JsonObject()
        .put("schemaVersion", SCHEMA_VERSION)
        .put("sequence", sequence)
        .put("payment", payment(payment, orderId, accountMasked))
        .put("occurredAt", occurredAt.toString());
    if (refund != null) {
      data.put("refund", refund(refund));
    }
    return data;
  }

  private static JsonObject payment(PaymentRecord payment, String orderId, String accountMasked) {
    return new JsonObject()
        .put("id", payment.id())
        .put("checkoutId", payment.checkoutId())
        .put("merchantId", payment.merchantId())
        .put("amount", payment.amount())
        .put("refundedAmount", payment.refundedAmount())
        .put("currency", "KRW")
        .put("status", payment.status().name())
        .put("rail", payment.rail().name())
        .put("bankCode", payment.bankCode())
        .put("bankMessage", payment.bankMessage())
        .put("createdAt", payment.createdAt().toString())
        .put("updatedAt", payment.updatedAt().toString())
        .put("orderId", orderId)
        .put("userId", payment.userId())
        .put("accountMasked", accountMasked);
  }

  private static JsonObject refund(RefundRecord refund) {
    return new JsonObject()
        .put("id", refund.id())
        .put("paymentId", refund.paymentId())
        .put("amount", refund.amount())
        .put("currency", "KRW")
        .put("reason", refund.reason())
        .put("status", refund.status().name())
        .put("bankCode", refund.bankCode())
        .put("bankMessage", refund.bankMessage())
        .put("createdAt", refund.createdAt().toString());
  }
}
