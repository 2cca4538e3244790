package io.shpay.sandbox.kftc;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * {@code /oauth/2.0/authorize} (consent page or, with autoApprove, an immediate redirect),
 * {@code /oauth/2.0/authorize/approve} (the page's form) and {@code /oauth/2.0/token} (the
 * authorization_code, client_credentials and refresh_token grants).
 */
final class OAuthEndpoints {

  static final String AUTHORIZE = "/oauth/2.0/authorize";
  static final String TOKEN = "/oauth/2.0/token";

  private final KftcSandboxOptions options;
  private final Bank bank;
  private final Tokens tokens;

  OAuthEndpoints(KftcSandboxOptions options, Bank bank, Tokens tokens) {
    this.options = options;
    this.bank = bank;
    this.tokens = tokens;
  }

  void mount(Router router, BodyHandler bodies, KftcCalls calls) {
    router.get(AUTHORIZE).handler(calls.plain(this::authorize));
    router.post(ConsentPage.APPROVE_PATH).handler(bodies).handler(calls.plain(this::approve));
    router.post(TOKEN).handler(bodies).handler(calls.plain(this::token));
    router.route(TOKEN).handler(calls.plain(KftcCalls::methodNotAllowed));
  }

  private Reply authorize(Exchange ex) {
    AuthorizeRequest request;
    try {
      request = AuthorizeRequest.parse(ex::query, options);
    } catch (AuthorizeRequest.Invalid invalid) {
      return new Reply.Html(400, ConsentPage.error(invalid.getMessage()));
    }
    Person person = chosenPerson(request.personHint());
    if (person == null) {
      return new Reply.Html(400, ConsentPage.error("sandbox_person names no demo person."));
    }
    if (options.autoApprove()) {
      return approved(request, person);
    }
    return new Reply.Html(200, ConsentPage.consent(request, bank.people(), person.userSeqNo()));
  }

  private Reply approve(Exchange ex) {
    AuthorizeRequest request;
    try {
      request = AuthorizeRequest.parse(ex::form, options);
    } catch (AuthorizeRequest.Invalid invalid) {
      return new Reply.Html(400, ConsentPage.error(invalid.getMessage()));
    }
    if ("deny".equals(ex.form("decision"))) {
      return new Reply.Redirect(options.redirectUri() + separator() + "error=access_denied"
          + "&error_description=" + encode("the user did not consent") + "&state=" + encode(request.state()));
    }
    Person person = chosenPerson(request.personHint());
    if (person == null) {
      return new Reply.Html(400, ConsentPage.error("Choose one of the demo people."));
    }
    return approved(request, person);
  }

  /** The first demo person unless the request names another (an unknown name gives null). */
  private Person chosenPerson(String hint) {
    if (hint == null || hint.isEmpty()) {
      return bank.people().get(0);
    }
    return bank.person(hint).orElse(null);
  }

  private Reply approved(AuthorizeRequest request, Person person) {
    String code = tokens.issueCode(request.clientId(), request.redirectUri(), person.userSeqNo(), request.scopes());
    StringBuilder location = new StringBuilder(options.redirectUri()).append(separator())
        .append("code=").append(encode(code))
        .append("&scope=").append(encode(Scopes.join(request.scopes())));
    if (request.clientInfo() != null) {
      location.append("&client_info=").append(encode(request.clientInfo()));
    }
    location.append("&state=").append(encode(request.state()));
    return new Reply.Redirect(location.toString());
  }

  private Reply token(Exchange ex) {
    String grantType = ex.form("grant_type");
    if (!knownClient(ex.form("client_id"), ex.form("client_secret"))) {
      throw KftcError.of(RspCodes.AUTH_PARAMETER, "client_id or client_secret is wrong");
    }
    if ("authorization_code".equals(grantType)) {
      return codeGrant(ex);
    }
    if ("client_credentials".equals(grantType)) {
      if (!Scopes.OOB.equals(ex.form("scope"))) {
        throw KftcError.of(RspCodes.AUTH_PARAMETER, "client_credentials grants only scope oob");
      }
      Tokens.Issued issued = tokens.issueOob();
      return Reply.json(new JsonObject()
          .put("access_token", issued.accessToken())
          .put("token_type", "Bearer")
          .put("expires_in", issued.expiresIn())
          .put("scope", issued.scope())
          .put("client_use_code", options.clientUseCode()));
    }
    if ("refresh_token".equals(grantType)) {
      return refreshGrant(ex);
    }
    throw KftcError.of(RspCodes.AUTH_PARAMETER,
        "grant_type must be authorization_code, client_credentials or refresh_token");
  }

  private Reply codeGrant(Exchange ex) {
    Tokens.AuthCode code = tokens.takeCode(ex.form("code"));
    if (code == null) {
      throw KftcError.of(RspCodes.AUTH_PARAMETER, "code is unknown, already used or expired");
    }
    if (!code.clientId().equals(ex.form("client_id")) || !code.redirectUri().equals(ex.form("redirect_uri"))) {
      throw KftcError.of(RspCodes.AUTH_PARAMETER, "redirect_uri does not match the one the code was issued for");
    }
    // A consent registers the person's accounts with this institution again (after account/cancel or user/close).
    bank.registerAll(code.userSeqNo());
    return userTokens(tokens.issueForUser(code.userSeqNo(), code.scopes()));
  }

  /** Rotation: the presented refresh token is spent whatever happens next. */
  private Reply refreshGrant(Exchange ex) {
    Tokens.RefreshGrant grant = tokens.takeRefresh(ex.form("refresh_token"));
    if (grant == null) {
      throw KftcError.of(RspCodes.AUTH_PARAMETER, "refresh_token is unknown, already used or expired");
    }
    String askedScope = ex.form("scope");
    List<String> scopes = grant.scopes();
    if (askedScope != null && !askedScope.isBlank()) {
      List<String> asked = Scopes.parseUserScopes(askedScope);
      if (asked == null || !grant.scopes().containsAll(asked)) {
        throw KftcError.of(RspCodes.AUTH_PARAMETER, "scope may only narrow the scopes of the refresh token");
      }
      scopes = asked;
    }
    return userTokens(tokens.issueForUser(grant.userSeqNo(), scopes));
  }

  private static Reply userTokens(Tokens.Issued issued) {
    return Reply.json(new JsonObject()
        .put("access_token", issued.accessToken())
        .put("token_type", "Bearer")
        .put("expires_in", issued.expiresIn())
        .put("refresh_token", issued.refreshToken())
        .put("scope", issued.scope())
        .put("user_seq_no", issued.userSeqNo()));
  }

  /** Compared in constant time: the secret must not leak through response timing. */
  private boolean knownClient(String clientId, String clientSecret) {
    return options.clientId().equals(clientId) && clientSecret != null
        && MessageDigest.isEqual(options.clientSecret().getBytes(StandardCharsets.UTF_8),
            clientSecret.getBytes(StandardCharsets.UTF_8));
  }

  private String separator() {
    return options.redirectUri().contains("?") ? "&" : "?";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
