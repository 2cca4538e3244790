package io.shpay.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A validated request to create a user. The password is plain text here and only here. */
@DataObject
public final class SignUp {

  private final String email;
  private final String name;
  private final String password;

  public SignUp(String email, String name, String password) {
    this.email = email;
    this.name = name;
    this.password = password;
  }

  public SignUp(JsonObject json) {
    this(json.getString("email"), json.getString("name"), json.getString("password"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("email", email).put("name", name).put("password", password);
  }

  public String email() {
    return email;
  }

  public String name() {
    return name;
  }

  public String password() {
    return password;
  }

  @Override
  public String toString() {
    return "SignUp[email=" + email + ", name=" + name + ", password=****]";
  }
}
