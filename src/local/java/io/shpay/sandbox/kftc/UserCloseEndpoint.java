package io.shpay.sandbox.kftc;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /v2.0/user/close} (oob token), KFTC's 사용자탈퇴: the person leaves this institution's service, so every
 * access and refresh token issued to them for it stops working at once, and none of their accounts stays registered. Body {@code client_use_code} (must be this
 * institution's) and {@code user_seq_no}. Sandbox choice: closing a person who holds no live token is still A0000
 * (the call is idempotent), and a later consent by the same person links them again with new tokens.
 */
final class UserCloseEndpoint {

  static final String PATH = "/v2.0/user/close";

  private final Bank bank;
  private final Tokens tokens;
  private final BearerGuard guard;
  private final String clientUseCode;

  UserCloseEndpoint(Bank bank, Tokens tokens, BearerGuard guard, String clientUseCode) {
    this.bank = bank;
    this.tokens = tokens;
    this.guard = guard;
    this.clientUseCode = clientUseCode;
  }

  void mount(Router router, BodyHandler bodies, KftcCalls calls) {
    router.post(PATH).handler(bodies).handler(calls.plain(this::close));
    router.route(PATH).handler(calls.plain(KftcCalls::methodNotAllowed));
  }

  private Reply close(Exchange ex) {
    guard.oob(ex);
    JsonObject body = ex.json();
    String code = Fields.requiredString(body, "client_use_code");
    if (!clientUseCode.equals(code)) {
      throw KftcError.format("client_use_code is not this institution's");
    }
    String userSeqNo = Fields.userSeqNo(Fields.string(body, "user_seq_no"));
    bank.person(userSeqNo).orElseThrow(() -> KftcError.format("user_seq_no is not registered"));
    tokens.revokePerson(userSeqNo);
    bank.cancelAll(userSeqNo);
    return Reply.json(ex.ok().put("client_use_code", clientUseCode).put("user_seq_no", userSeqNo));
  }
}
