package io.shpay.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code kftc.*} and {@code openbanking.*} keys: how SH Pay reaches the KFTC Open API (the
 * real one in production, the sandbox everywhere else; the client cannot tell them apart) and how
 * it keeps what it learns.
 *
 * @param baseUrl KFTC API root, e.g. {@code https://openapi.openbanking.or.kr}
 * @param redirectUri SH Pay's consent callback as registered with KFTC
 * @param scope scopes asked at consent, space separated
 * @param contractAccountNum SH Pay's contracted account: withdrawals land here, deposits leave from it
 * @param depositPassPhrase {@code wd_pass_phrase} for deposits from the contracted account
 * @param tokenEncryptionKey AES-256 key (Base64) that seals users' KFTC tokens at rest
 * @param tokenRefreshMargin a user's access token is renewed when it expires sooner than this
 * @param balanceFreshFor a cached balance younger than this is served as not stale
 * @param maxTransferAmount largest single transfer in won
 * @param consentReturnUrl where the consent callback sends the browser back with the outcome: the
 *     app's deep link ({@code shpay://openbanking/consent}) or a web page ({@code https://…})
 */
public record OpenBankingConfig(
    String baseUrl,
    String clientId,
    Secret clientSecret,
    String redirectUri,
    String scope,
    Duration timeout,
    String contractAccountNum,
    Secret depositPassPhrase,
    Secret tokenEncryptionKey,
    Duration consentStateTtl,
    Duration tokenRefreshMargin,
    Duration balanceFreshFor,
    Duration balanceCacheTtl,
    long maxTransferAmount,
    URI consentReturnUrl) {

  static OpenBankingConfig read(ConfigReader reader) {
    String key = reader.string("openbanking.tokenEncryptionKey");
    byte[] decoded;
    try {
      decoded = java.util.Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      throw reader.problem("openbanking.tokenEncryptionKey", "must be Base64");
    }
    if (decoded.length != 32) {
      throw reader.problem("openbanking.tokenEncryptionKey", "must be 32 bytes (AES-256) in Base64, got " + decoded.length);
    }
    return new OpenBankingConfig(
        reader.url("kftc.baseUrl"),
        reader.string("kftc.clientId"),
        new Secret(reader.string("kftc.clientSecret")),
        reader.url("kftc.redirectUri"),
        reader.string("kftc.scope"),
        reader.duration("kftc.timeout", Duration.ofMillis(100), Duration.ofMinutes(2)),
        reader.string("kftc.contractAccountNum"),
        new Secret(reader.string("kftc.depositPassPhrase")),
        new Secret(key),
        reader.duration("openbanking.consentStateTtl", Duration.ofMinutes(1), Duration.ofHours(1)),
        reader.duration("openbanking.tokenRefreshMargin", Duration.ofMinutes(1), Duration.ofDays(30)),
        reader.duration("openbanking.balanceFreshFor", Duration.ofSeconds(1), Duration.ofDays(1)),
        reader.duration("openbanking.balanceCacheTtl", Duration.ofMinutes(1), Duration.ofDays(30)),
        reader.integer("openbanking.maxTransferAmount", 1, 2_000_000_000),
        returnUrl(reader, "openbanking.consentReturnUrl"));
  }

  /** Schemes a browser must never be sent to with an outcome attached. */
  private static final Set<String> NOT_AN_APP = Set.of("javascript", "data", "file", "ftp", "blob", "vbscript", "about");

  /**
   * An absolute URL without a fragment: https, http only to this machine (local runs), or an app's own
   * scheme for a deep link. Anything else would let the outcome (and the user) land somewhere unplanned.
   */
  private static URI returnUrl(ConfigReader reader, String key) {
    String text = reader.string(key);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw reader.problem(key, "is not a valid URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.isEmpty() || uri.getRawFragment() != null || NOT_AN_APP.contains(scheme)) {
      throw reader.problem(key, "must be an absolute https:// URL or an app deep link (myapp://…) without a #fragment");
    }
    boolean web = scheme.equals("http") || scheme.equals("https");
    if (web && (uri.getHost() == null || uri.getRawUserInfo() != null)) {
      throw reader.problem(key, "must name a host and no credentials");
    }
    if (scheme.equals("http") && !Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost())) {
      throw reader.problem(key, "must use https (http:// only for localhost)");
    }
    return uri;
  }
}
