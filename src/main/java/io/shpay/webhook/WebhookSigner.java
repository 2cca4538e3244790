package io.shpay.webhook;

import io.shpay.common.config.Secret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Webhook signatures. Each merchant's signing secret is derived from SH Pay's master secret, the
 * merchant id and a version (HMAC-SHA256), so no per-merchant secret is stored and rotating one is
 * a version bump. A delivery carries {@code SHPay-Signature: t=<unix seconds>,v1=<hex>} where v1 is
 * HMAC-SHA256 with the merchant's secret over {@code "<t>.<body>"}; the timestamp lets receivers
 * refuse replays older than a few minutes.
 */
public final class WebhookSigner {

  public static final String HEADER = "SHPay-Signature";
  private static final String SECRET_PREFIX = "whsec_";

  private final Secret master;

  public WebhookSigner(Secret master) {
    this.master = master;
  }

  /** The secret the merchant verifies with, e.g. {@code whsec_…}. */
  public String secretFor(String merchantId, int version) {
    byte[] derived = hmac(master.reveal().getBytes(StandardCharsets.UTF_8),
        "merchant-webhook:" + merchantId + ":" + version);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
  }

  public String signatureHeader(String merchantId, int version, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + sign(secretFor(merchantId, version), unixSeconds, body);
  }

  /** What a receiver computes with its secret; public so merchants' code and our tests agree on it. */
  public static String sign(String secret, long unixSeconds, String body) {
    return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), unixSeconds + "." + body));
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
