package io.shpay.webhook;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A merchant's webhook endpoint: its URL, the version of its signing secret and when it last
 * changed; {@code signingSecret} only in the answer that created the endpoint or rotated its
 * secret (null otherwise). Its JSON form is only how it crosses the event bus.
 */
@DataObject
public final class WebhookEndpointView {

  private final String url;
  private final int secretVersion;
  private final String updatedAt;
  private final String signingSecret;

  public WebhookEndpointView(String url, int secretVersion, String updatedAt, String signingSecret) {
    this.url = url;
    this.secretVersion = secretVersion;
    this.updatedAt = updatedAt;
    this.signingSecret = signingSecret;
  }

  public WebhookEndpointView(JsonObject json) {
    this(json.getString("url"), json.getInteger("secretVersion"), json.getString("updatedAt"),
        json.getString("signingSecret"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("url", url).put("secretVersion", secretVersion).put("updatedAt", updatedAt)
        .put("signingSecret", signingSecret);
  }

  public String url() {
    return url;
  }

  public int secretVersion() {
    return secretVersion;
  }

  public String updatedAt() {
    return updatedAt;
  }

  /** The secret deliveries are signed with: shown once, when created or rotated; else null. */
  public String signingSecret() {
    return signingSecret;
  }

  @Override
  public String toString() {
    return "WebhookEndpointView[url=" + url + ", secretVersion=" + secretVersion
        + (signingSecret == null ? "" : ", signingSecret=****") + "]";
  }
}
