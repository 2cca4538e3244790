package io.shpay.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the consent callback sends the browser: the configured return URL (validated at start-up)
 * with {@code result=linked&accounts=N} or {@code result=failed&reason=<problem code>} added to its
 * query. Only those: the code, the state and the tokens stay with SH Pay.
 */
final class ConsentOutcome {

  private final String base;

  ConsentOutcome(URI returnUrl) {
    String text = returnUrl.toString();
    this.base = text + (returnUrl.getRawQuery() == null ? (text.endsWith("?") ? "" : "?") : "&");
  }

  String linked(int accounts) {
    return base + "result=linked&accounts=" + accounts;
  }

  String failed(String reason) {
    return base + "result=failed&reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
  }
}
