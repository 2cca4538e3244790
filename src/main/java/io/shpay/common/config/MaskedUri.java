package io.shpay.common.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection URI as it may be printed: the password of its user info ({@code mysql://shpay:pw@db/…},
 * {@code redis://:pw@cache}) and the value of any query parameter that names a secret
 * ({@code ?password=…}) become {@code ****}. Everything else stays, so a printed config still shows
 * which server and user it points at.
 */
final class MaskedUri {

  static final String MASK = "****";
  /** scheme://user:password@ — the password is everything from the first colon to the last @ of the authority. */
  private static final Pattern USER_PASSWORD = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/?#@]*):[^/?#]*@");
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("([?&](?:[^=&#]*(?:password|passwd|pwd|secret|token|key)[^=&#]*)=)[^&#]*", Pattern.CASE_INSENSITIVE);

  private MaskedUri() {}

  static String of(String uri) {
    if (uri == null) {
      return null;
    }
    String masked = USER_PASSWORD.matcher(uri).replaceFirst("$1:" + Matcher.quoteReplacement(MASK) + "@");
    return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
  }
}
