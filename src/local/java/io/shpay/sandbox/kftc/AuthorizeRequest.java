package io.shpay.sandbox.kftc;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The parameters of {@code GET /oauth/2.0/authorize}, checked. The consent form carries them back
 * in hidden fields, so {@code POST /oauth/2.0/authorize/approve} parses and checks them again:
 * nothing a browser sends is trusted twice.
 */
record AuthorizeRequest(String clientId, String redirectUri, List<String> scopes, String state, String authType,
    String clientInfo, String personHint) {

  private static final Set<String> AUTH_TYPES = Set.of("0", "1", "2");

  /** Why the request cannot be served; shown on an error page, never sent to the redirect URI. */
  static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  static AuthorizeRequest parse(Function<String, String> param, KftcSandboxOptions options) {
    String clientId = param.apply("client_id");
    if (!options.clientId().equals(clientId)) {
      throw new Invalid("client_id is missing or not registered with this sandbox.");
    }
    String redirectUri = param.apply("redirect_uri");
    if (!options.redirectUri().equals(redirectUri)) {
      throw new Invalid("redirect_uri is missing or is not the redirect URI registered for this client_id.");
    }
    if (!"code".equals(param.apply("response_type"))) {
      throw new Invalid("response_type must be code.");
    }
    List<String> scopes = Scopes.parseUserScopes(param.apply("scope"));
    if (scopes == null) {
      throw new Invalid("scope must be one or more of login, inquiry and transfer, separated by spaces.");
    }
    String state = param.apply("state");
    if (state == null || state.isBlank()) {
      throw new Invalid("state is required (a random value that guards the callback against CSRF).");
    }
    String authType = param.apply("auth_type");
    if (!AUTH_TYPES.contains(authType)) {
      throw new Invalid("auth_type must be 0 (first consent), 1 (consent again) or 2 (skip consent).");
    }
    String clientInfo = param.apply("client_info");
    return new AuthorizeRequest(clientId, redirectUri, scopes, state, authType,
        clientInfo == null || clientInfo.isEmpty() ? null : clientInfo, param.apply("sandbox_person"));
  }
}
