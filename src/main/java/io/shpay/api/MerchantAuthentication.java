package io.shpay.api;

import io.shpay.payment.PaymentService;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

/** Guards merchant routes: an {@code X-Api-Key} of a merchant whose key is not revoked. */
final class MerchantAuthentication {

  static final String HEADER = "X-Api-Key";
  private static final String KEY = "merchantId";

  private final PaymentService payments;

  MerchantAuthentication(PaymentService payments) {
    this.payments = payments;
  }

  Route requireMerchant(Route route) {
    return route.handler(ctx -> payments.authenticateMerchant(ctx.request().getHeader(HEADER)).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else {
        ctx.put(KEY, result.result());
        ctx.next();
      }
    }));
  }

  static String merchantId(RoutingContext ctx) {
    String id = ctx.get(KEY);
    if (id == null) {
      throw new IllegalStateException("Route is not guarded by MerchantAuthentication.requireMerchant");
    }
    return id;
  }
}
