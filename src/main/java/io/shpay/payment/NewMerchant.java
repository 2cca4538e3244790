package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A merchant just created, with its API key: the only time the key itself leaves SH Pay. */
@DataObject
public final class NewMerchant {

  private final String id;
  private final String name;
  private final String apiKey;
  private final String apiKeyHint;

  public NewMerchant(String id, String name, String apiKey, String apiKeyHint) {
    this.id = id;
    this.name = name;
    this.apiKey = apiKey;
    this.apiKeyHint = apiKeyHint;
  }

  public NewMerchant(JsonObject json) {
    this(json.getString("id"), json.getString("name"), json.getString("apiKey"), json.getString("apiKeyHint"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("apiKey", apiKey).put("apiKeyHint", apiKeyHint);
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String apiKey() {
    return apiKey;
  }

  /** The key's first characters, to recognise it in lists; safe to show again. */
  public String apiKeyHint() {
    return apiKeyHint;
  }

  @Override
  public String toString() {
    return "NewMerchant[id=" + id + ", name=" + name + ", apiKey=" + apiKeyHint + "]";
  }
}
