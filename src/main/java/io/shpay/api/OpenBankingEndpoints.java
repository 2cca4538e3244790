package io.shpay.api;

import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.openbanking.AccountView;
import io.shpay.openbanking.OpenBankingService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.serviceproxy.ServiceException;

import java.util.List;

/**
 * {@code /api/v1/openbanking}: the KFTC consent. {@code authorize} needs the signed-in user; it binds
 * a one-time state to them and to this browser ({@link ConsentCookie}). {@code callback} is where
 * KFTC sends the browser back, without our token: the state says whose consent it is, the cookie
 * that it is still the browser that asked. The callback ends with a redirect to the configured
 * return URL (the app or a web page) carrying the outcome, never a token.
 */
final class OpenBankingEndpoints {

  private final OpenBankingService openBanking;
  private final Authentication authentication;
  private final ConsentCookie cookie;
  private final ConsentOutcome outcome;
  private final io.shpay.user.UserService users;

  OpenBankingEndpoints(OpenBankingService openBanking, io.shpay.user.UserService users, Authentication authentication,
      OpenBankingConfig config) {
    this.openBanking = openBanking;
    this.users = users;
    this.authentication = authentication;
    this.cookie = new ConsentCookie(config.redirectUri().startsWith("https://"), config.consentStateTtl());
    this.outcome = new ConsentOutcome(config.consentReturnUrl());
  }

  void mount(ApiOperations operations) {
    operations.on("startConsent")
        .respond(ctx -> openBanking.authorizeUrl(Caller.of(ctx).userId(), cookie.bind(ctx))
            .map(url -> {
              ctx.response().putHeader("Cache-Control", "no-store");
              return new JsonObject().put("authorizeUrl", url);
            }));
    operations.on("consentCallback").handler(this::callback);
    operations.on("getBankProfile").respond(this::profile);
    operations.on("revokeConsent").respond(this::revoke);
  }


  private void callback(RoutingContext ctx) {
    String state = ctx.request().getParam("state");
    String error = ctx.request().getParam("error");
    String code = ctx.request().getParam("code");
    // Without a state this is no redirect from KFTC at all: a plain 400 for whoever sent it.
    if (state == null || state.isBlank() || state.length() > 128) {
      ctx.fail(Failures.invalid("state", "is required"));
      return;
    }
    if (error == null && (code == null || code.isBlank() || code.length() > 512)) {
      ctx.fail(Failures.invalid("code", "is required"));
      return;
    }
    String browser = cookie.presented(ctx);
    cookie.clear(ctx);
    Future<List<AccountView>> linked = error != null
        ? Failures.fail(ErrorCode.CONSENT_DENIED, "The consent was not given at the bank.")
        : openBanking.completeConsent(code, state, browser);
    linked.onComplete(done -> {
      String location = done.succeeded() ? outcome.linked(done.result().size()) : outcome.failed(reason(done.cause()));
      // The callback URL carries KFTC's code: the page it sends the browser to must not learn it.
      ctx.response().putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer");
      ctx.redirect(location);
    });
  }

  /**
   * The bank-side profile (KFTC {@code user/me}) beside the SH Pay account's name: {@code nameMatches} says whether
   * the person KFTC knows is the one who signed up, the check a client shows before trusting the linked accounts.
   */
  private Future<JsonObject> profile(RoutingContext ctx) {
    String userId = Caller.of(ctx).userId();
    return users.find(userId).compose(user -> openBanking.profile(userId)
        .map(profile -> AccountJson.profile(profile, sameName(profile.name(), user.name()))));
  }

  /** Names compare without spaces and case: 김 민지 is 김민지, KIM MINJI is Kim Minji. */
  static boolean sameName(String bank, String ours) {
    return bank != null && ours != null
        && bank.replaceAll("\\s+", "").equalsIgnoreCase(ours.replaceAll("\\s+", ""));
  }

  /** Ends the whole consent; refused while a transfer or move still needs it to be settled. */
  private Future<JsonObject> revoke(RoutingContext ctx) {
    String userId = Caller.of(ctx).userId();
    return openBanking.hasOpenMovements(userId).compose(moving -> moving
        ? Failures.<JsonObject>fail(ErrorCode.MOVEMENTS_IN_PROGRESS,
            "A transfer or move of yours is still being settled; revoke the consent once it has settled.")
        : openBanking.revokeConsent(userId).map(unlinked -> new JsonObject().put("unlinked", unlinked)));
  }

  /** The stable code of an SH Pay failure; anything else is reported as SH Pay's own error, with no detail. */
  private static String reason(Throwable failure) {
    return failure instanceof ServiceException e
        ? ErrorCode.fromBusCode(e.failureCode()).map(ErrorCode::code).orElse(ErrorCode.INTERNAL.code())
        : ErrorCode.INTERNAL.code();
  }

  static JsonObject accounts(List<AccountView> accounts) {
    return AccountJson.accounts(accounts);
  }
}
