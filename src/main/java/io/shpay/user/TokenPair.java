package io.shpay.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** What a login or refresh returns: a short-lived JWT and the opaque token that renews it. */
@DataObject
public final class TokenPair {

  private final String accessToken;
  private final String refreshToken;
  private final long expiresIn;

  public TokenPair(String accessToken, String refreshToken, long expiresIn) {
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
    this.expiresIn = expiresIn;
  }

  public TokenPair(JsonObject json) {
    this(json.getString("accessToken"), json.getString("refreshToken"), json.getLong("expiresIn"));
  }

  /** The response body of login and refresh. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("accessToken", accessToken)
        .put("refreshToken", refreshToken)
        .put("tokenType", "Bearer")
        .put("expiresIn", expiresIn);
  }

  public String accessToken() {
    return accessToken;
  }

  public String refreshToken() {
    return refreshToken;
  }

  /** Seconds until the access token expires. */
  public long expiresIn() {
    return expiresIn;
  }

  @Override
  public String toString() {
    return "TokenPair[accessToken=****, refreshToken=****, expiresIn=" + expiresIn + "]";
  }
}
