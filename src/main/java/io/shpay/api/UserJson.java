package io.shpay.api;

import io.shpay.user.TokenPair;
import io.shpay.user.UserView;
import io.vertx.core.json.JsonObject;

/** The REST bodies of a user and of a sign-in's tokens, field by field (the bus forms are the user service's own). */
final class UserJson {

  private UserJson() {}

  static JsonObject user(UserView user) {
    return new JsonObject()
        .put("id", user.id())
        .put("email", user.email())
        .put("name", user.name())
        .put("role", user.role().name())
        .put("createdAt", user.createdAt().toString());
  }

  static JsonObject tokens(TokenPair tokens) {
    return new JsonObject()
        .put("accessToken", tokens.accessToken())
        .put("refreshToken", tokens.refreshToken())
        .put("tokenType", "Bearer")
        .put("expiresIn", tokens.expiresIn());
  }
}
