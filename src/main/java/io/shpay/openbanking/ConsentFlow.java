package io.shpay.openbanking;

import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * KFTC's 3-legged OAuth consent: the authorize URL with a one-time state bound to the user, and
 * the callback that spends the state, exchanges the code, stores the tokens and links the
 * accounts from {@code account/list}.
 */
final class ConsentFlow {

  private static final Logger LOG = LoggerFactory.getLogger(ConsentFlow.class);

  private final OpenBankingConfig config;
  private final ConsentStates states;
  private final KftcClient kftc;
  private final BankLinks links;
  private final LinkedAccounts accounts;

  ConsentFlow(OpenBankingConfig config, ConsentStates states, KftcClient kftc, BankLinks links, LinkedAccounts accounts) {
    this.config = config;
    this.states = states;
    this.kftc = kftc;
    this.links = links;
    this.accounts = accounts;
  }

  Future<String> authorizeUrl(String userId, String browserDigest) {
    return states.issue(userId, browserDigest).map(state -> config.baseUrl() + "/oauth/2.0/authorize?" + query(Map.of(
        "response_type", "code",
        "client_id", config.clientId(),
        "redirect_uri", config.redirectUri(),
        "scope", config.scope(),
        "state", state,
        "auth_type", "0")));
  }

  /**
   * Spends the state first, whatever follows: a consent link that reached the wrong browser is dead
   * for everyone. Only the browser that asked for the link may finish it, so an attacker who sends a
   * victim their own consent link links nothing to anyone.
   */
  Future<List<AccountView>> complete(String code, String state, String browserDigest) {
    return states.spend(state).compose(issued -> {
      if (issued.isEmpty()) {
        return Failures.fail(ErrorCode.INVALID_CONSENT_STATE,
            "This consent link is unknown, expired or already used; start again from /api/v1/openbanking/authorize.");
      }
      if (!sameBrowser(issued.get().browserDigest(), browserDigest)) {
        LOG.warn("Consent callback for user {} came from a browser that did not start it; nothing linked",
            issued.get().userId());
        return Failures.fail(ErrorCode.CONSENT_OTHER_BROWSER,
            "This consent was started in another browser or app; start again from there.");
      }
      return exchange(issued.get().userId(), code);
    });
  }

  private static boolean sameBrowser(String expected, String presented) {
    return expected != null && !expected.isEmpty() && presented != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
  }

  private Future<List<AccountView>> exchange(String userId, String code) {
    return kftc.exchangeCode(code)
        .recover(unreachable -> Failures.fail(ErrorCode.BANK_UNAVAILABLE, "KFTC did not answer the token exchange."))
        .compose(grant -> {
          if (grant.grantedAccessToken() == null) {
            LOG.info("KFTC refused the consent code of user {} ({})", userId, grant.rspCode());
            return Failures.fail(ErrorCode.INVALID_CONSENT_STATE, "KFTC refused the consent (" + grant.rspCode() + ").");
          }
          String accessToken = grant.grantedAccessToken();
          String userSeqNo = grant.body().getString("user_seq_no");
          // user/me names the person who consented; only accounts they hold are linked (HeldAccounts).
          return links.save(userId, grant)
              .compose(saved -> kftc.get("/v2.0/user/me", accessToken, Map.of("user_seq_no", userSeqNo)))
              .compose(me -> !me.ok() ? Failures.<JsonObject[]>fail(ErrorCode.BANK_ERROR,
                      "KFTC user/me failed: " + me.message())
                  : kftc.get("/v2.0/account/list", accessToken,
                      Map.of("user_seq_no", userSeqNo, "include_cancel_yn", "N", "sort_order", "D"))
                      .map(list -> new JsonObject[] {me.body(), list.ok() ? list.body() : null}))
              .recover(failure -> failure instanceof BankUnreachable
                  ? Failures.fail(ErrorCode.BANK_UNAVAILABLE, "KFTC did not answer user/me or account/list.")
                  : Future.failedFuture(failure))
              .compose(answers -> answers[1] != null
                  ? accounts.link(userId, HeldAccounts.heldBy(answers[0].getString("user_name"),
                      answers[1].getJsonArray("res_list", new io.vertx.core.json.JsonArray())
                          .stream().map(JsonObject.class::cast).toList()))
                  : Failures.fail(ErrorCode.BANK_ERROR, "KFTC account/list failed."))
              .compose(linked -> accounts.ofUser(userId));
        });
  }

  private static String query(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    params.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(entry.getKey()).append('=').append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
    });
    return out.toString();
  }
}
