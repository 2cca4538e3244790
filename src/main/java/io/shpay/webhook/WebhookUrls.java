package io.shpay.webhook;

import io.shpay.common.error.Failures;
import io.shpay.common.net.Cidr;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs a merchant may register. In production only https to a public host: SH Pay must not be
 * turned into a way to reach addresses inside its own network. Host names are checked as written;
 * a name that resolves to a private address later is the network policy's job (egress rules).
 */
final class WebhookUrls {

  private WebhookUrls() {}

  static String validate(String text, boolean allowInsecure) {
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
    if (allowInsecure) {
      return uri.toString();
    }
    if (!scheme.equals("https")) {
      throw Failures.invalid("url", "must use https");
    }
    if (isInternal(uri.getHost())) {
      throw Failures.invalid("url", "must point at a public host");
    }
    return uri.toString();
  }

  /** Ranges InetAddress does not call private: carrier-grade NAT (RFC 6598) and IPv6 unique local (RFC 4193). */
  private static final java.util.List<Cidr> NOT_PUBLIC = java.util.List.of(
      Cidr.parse("100.64.0.0/10").orElseThrow(), Cidr.parse("fc00::/7").orElseThrow());

  private static boolean isInternal(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost") || lower.endsWith(".localhost") || lower.endsWith(".internal")
        || lower.endsWith(".local") || lower.endsWith(".svc") || lower.contains(".svc.")) {
      return true;
    }
    if (!lower.matches("[0-9.]+") && !lower.contains(":") && !lower.startsWith("[")) {
      return false;  // a name: not resolved here (see the class comment)
    }
    try {
      InetAddress address = InetAddress.getByName(lower.replace("[", "").replace("]", ""));  // a literal: no lookup
      return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
          || address.isAnyLocalAddress() || address.isMulticastAddress()
          || NOT_PUBLIC.stream().anyMatch(network -> network.contains(address));
    } catch (UnknownHostException e) {
      return true;
    }
  }
}
