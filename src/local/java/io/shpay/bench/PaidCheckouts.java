package io.shpay.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** What scenarios (a) and (b) both do: users with an NH FinAccount, and one checkout paid through the API. */
final class PaidCheckouts {

  /** A user who pays: their access token and the FinAccount they pay from. */
  record Payer(String accessToken, String accountId) {}

  /**
   * An approved payment with the two calls' timings ({@code paySentAt} and {@code answeredAt} are
   * {@link System#nanoTime()}: when the pay request was sent and when its answer was read).
   */
  record Paid(JsonObject payment, long checkoutNanos, long payNanos, long paySentAt, long answeredAt) {}

  private PaidCheckouts() {}

  /** Creates a checkout with the merchant's key and has {@code payer} pay it; anything but APPROVED fails. */
  static Future<Paid> checkoutAndPay(BenchContext ctx, String apiKey, Payer payer, String orderId) {
    long checkoutSent = System.nanoTime();
    return ctx.request(HttpMethod.POST, "/api/v1/checkouts").putHeader("X-Api-Key", apiKey)
        .sendJsonObject(new JsonObject().put("orderId", orderId).put("amount", ctx.options().amount())
            .put("itemName", "Benchmark coffee"))
        .compose(created -> {
          long checkoutNanos = System.nanoTime() - checkoutSent;
          String checkoutId = BenchContext.expect(created, 201, "checkout").getString("id");
          long paySent = System.nanoTime();
          return ctx.request(HttpMethod.POST, "/api/v1/checkouts/" + checkoutId + "/pay")
              .bearerTokenAuthentication(payer.accessToken()).putHeader("Idempotency-Key", UUID.randomUUID().toString())
              .sendJsonObject(new JsonObject().put("accountId", payer.accountId()))
              .map(paid -> {
                long answeredAt = System.nanoTime();
                JsonObject payment = BenchContext.expect(paid, 200, "pay");
                if (!"APPROVED".equals(payment.getString("status"))) {
                  throw new IllegalStateException("pay: " + payment.getString("status") + " "
                      + payment.getString("bankCode") + " " + payment.getString("bankMessage"));
                }
                return new Paid(payment, checkoutNanos, answeredAt - paySent, paySent, answeredAt);
              });
        });
  }
}
