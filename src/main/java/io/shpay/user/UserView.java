package io.shpay.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** A user as the API shows it: never the password hash. */
@DataObject
public final class UserView {

  private final String id;
  private final String email;
  private final String name;
  private final UserRole role;
  private final Instant createdAt;

  public UserView(String id, String email, String name, UserRole role, Instant createdAt) {
    this.id = id;
    this.email = email;
    this.name = name;
    this.role = role;
    this.createdAt = createdAt;
  }

  public UserView(JsonObject json) {
    this(json.getString("id"), json.getString("email"), json.getString("name"),
        UserRole.valueOf(json.getString("role")), Instant.parse(json.getString("createdAt")));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("name", name)
        .put("role", role.name())
        .put("createdAt", createdAt.toString());
  }

  public String id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String name() {
    return name;
  }

  public UserRole role() {
    return role;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
