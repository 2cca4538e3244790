package io.shpay.sandbox.kftc;

import io.vertx.core.http.HttpHeaders;

/**
 * The {@code Authorization: Bearer} checks of data calls, in KFTC's order: a missing or malformed
 * header is O0001, an unknown or expired token O0002, a token without the call's scope O0011.
 */
final class BearerGuard {

  private final Tokens tokens;

  BearerGuard(Tokens tokens) {
    this.tokens = tokens;
  }

  /**
   * A person's (3-legged) token holding {@code scope}; with {@code scope} null any 3-legged token
   * will do (user/me and account/list, which KFTC allows under login or inquiry).
   */
  Tokens.AccessGrant user(Exchange ex, String scope) {
    Tokens.AccessGrant grant = grant(ex);
    if (grant.oob()) {
      throw KftcError.of(RspCodes.SCOPE_NOT_ALLOWED, "this API needs a user's access token, not an oob token");
    }
    if (scope != null && !grant.scopes().contains(scope)) {
      throw KftcError.of(RspCodes.SCOPE_NOT_ALLOWED, "this API needs scope " + scope);
    }
    return grant;
  }

  /** The institution's (2-legged, scope oob) token. */
  Tokens.AccessGrant oob(Exchange ex) {
    Tokens.AccessGrant grant = grant(ex);
    if (!grant.oob()) {
      throw KftcError.of(RspCodes.SCOPE_NOT_ALLOWED, "this API needs scope oob");
    }
    return grant;
  }

  private Tokens.AccessGrant grant(Exchange ex) {
    String header = ex.header(HttpHeaders.AUTHORIZATION.toString());
    if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)
        || header.substring(7).isBlank()) {
      throw KftcError.of(RspCodes.AUTH_PARAMETER, "Authorization: Bearer <access_token> is required");
    }
    Tokens.AccessGrant grant = tokens.access(header.substring(7).trim());
    if (grant == null) {
      throw KftcError.of(RspCodes.TOKEN_REFUSED, "the access token is unknown or expired");
    }
    return grant;
  }
}
