package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.openbanking.AccountView;
import io.shpay.openbanking.OpenBankingService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code /api/v1/openbanking}: the KFTC consent. {@code authorize} needs the signed-in user and
 * binds a one-time state to them; {@code callback} is where KFTC sends the browser back, without
 * our token, so the state alone says whose consent it is.
 */
final class OpenBankingEndpoints {

  private final OpenBankingService openBanking;
  private final Authentication authentication;

  OpenBankingEndpoints(OpenBankingService openBanking, Authentication authentication) {
    this.openBanking = openBanking;
    this.authentication = authentication;
  }

  void mount(Router router) {
    authentication.requireUser(router.get("/api/v1/openbanking/authorize"))
        .respond(ctx -> openBanking.authorizeUrl(Caller.of(ctx).userId())
            .map(url -> new JsonObject().put("authorizeUrl", url)));
    router.get("/api/v1/openbanking/callback").respond(this::callback);
  }

  private Future<JsonObject> callback(RoutingContext ctx) {
    String error = ctx.request().getParam("error");
    if (error != null) {
      return Failures.fail(ErrorCode.INVALID_CONSENT_STATE, "The consent was not given at the bank (" + error + ").");
    }
    String code = ctx.request().getParam("code");
    String state = ctx.request().getParam("state");
    if (code == null || code.isBlank() || code.length() > 512) {
      return Future.failedFuture(Failures.invalid("code", "is required"));
    }
    if (state == null || state.isBlank() || state.length() > 128) {
      return Future.failedFuture(Failures.invalid("state", "is required"));
    }
    return openBanking.completeConsent(code, state).map(OpenBankingEndpoints::accounts);
  }

  static JsonObject accounts(List<AccountView> accounts) {
    JsonArray items = new JsonArray();
    accounts.forEach(account -> items.add(account.toJson()));
    return new JsonObject().put("items", items);
  }
}
