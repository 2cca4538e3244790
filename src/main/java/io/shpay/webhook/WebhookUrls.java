package io.shpay.webhook;

import io.shpay.common.error.Failures;

import java.net.URI;
import java.util.Locale;

/**
 * Which URLs a merchant may register, as written: absolute http(s), no credentials, at most 500
 * characters, and in production https only. Where the host leads is {@link WebhookHosts}'s call,
 * made on the resolved addresses at registration and again before every delivery.
 */
final class WebhookUrls {

  private WebhookUrls() {}

  static URI validate(String text, boolean allowInsecure) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw Failures.invalid("url", "is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw Failures.invalid("url", "must be an absolute https:// URL");
    }
    if (uri.getUserInfo() != null) {
      throw Failures.invalid("url", "must not contain credentials");
    }
    if (text.length() > 500) {
      throw Failures.invalid("url", "must be at most 500 characters");
    }
    if (!allowInsecure && !scheme.equals("https")) {
      throw Failures.invalid("url", "must use https");
    }
    return uri;
  }
}
