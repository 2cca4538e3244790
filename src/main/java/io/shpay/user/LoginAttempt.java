package io.shpay.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** Credentials presented at login, with the client address the attempt counts against. */
@DataObject
public final class LoginAttempt {

  private final String email;
  private final String password;
  private final String clientIp;

  public LoginAttempt(String email, String password, String clientIp) {
    this.email = email;
    this.password = password;
    this.clientIp = clientIp;
  }

  public LoginAttempt(JsonObject json) {
    this(json.getString("email"), json.getString("password"), json.getString("clientIp"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("email", email).put("password", password).put("clientIp", clientIp);
  }

  public String email() {
    return email;
  }

  public String password() {
    return password;
  }

  public String clientIp() {
    return clientIp;
  }

  @Override
  public String toString() {
    return "LoginAttempt[email=" + email + ", clientIp=" + clientIp + ", password=****]";
  }
}
