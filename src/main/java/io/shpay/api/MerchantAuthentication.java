package io.shpay.api;

import io.shpay.payment.PaymentService;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.APIKeyHandler;

/** Guards merchant routes: an {@code X-Api-Key} of a merchant whose key is not revoked. */
final class MerchantAuthentication {

  static final String HEADER = "X-Api-Key";
  private static final String KEY = "merchantId";

  private final PaymentService payments;

  MerchantAuthentication(PaymentService payments) {
    this.payments = payments;
  }

  /** The contract's {@code apiKey} scheme, for the router built from it: a live merchant key, or a 401. */
  APIKeyHandler contractScheme() {
    return new ApiKeyScheme(this);
  }

  private void authenticate(RoutingContext ctx) {
    payments.authenticateMerchant(ctx.request().getHeader(HEADER)).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else {
        ctx.put(KEY, result.result());
        ctx.next();
      }
    });
  }

  /** {@code apiKey} as vertx-web's type for it; the header is always {@value #HEADER}, as the contract says. */
  private record ApiKeyScheme(MerchantAuthentication merchants) implements APIKeyHandler {

    @Override
    public void handle(RoutingContext ctx) {
      merchants.authenticate(ctx);
    }

    @Override
    public APIKeyHandler header(String name) {
      return this;
    }

    @Override
    public APIKeyHandler parameter(String name) {
      throw new UnsupportedOperationException("SH Pay's merchant key is sent as the " + HEADER + " header only");
    }

    @Override
    public APIKeyHandler cookie(String name) {
      throw new UnsupportedOperationException("SH Pay's merchant key is sent as the " + HEADER + " header only");
    }

    @Override
    public APIKeyHandler tokenExtractor(java.util.function.Function<String, io.vertx.core.Future<String>> extractor) {
      return this;
    }
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
