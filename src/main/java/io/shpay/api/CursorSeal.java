package io.shpay.api;

import io.shpay.common.error.Failures;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signs page cursors (HMAC-SHA256), so a cursor is opaque in the strong sense: the API reads back only what it wrote.
 * A cursor carries the query it continues; without a signature a client could edit the dates inside it and skip the
 * checks a fresh query gets. The key is derived from a server secret every replica shares, for this use only.
 */
final class CursorSeal {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final int TAG_BYTES = 16;

  private final SecretKeySpec key;

  /** {@code serverSecret}: bytes of a configured secret; the cursor key is HMAC(secret, purpose), never the secret. */
  CursorSeal(byte[] serverSecret, String purpose) {
    this.key = new SecretKeySpec(hmac(new SecretKeySpec(serverSecret, "HmacSHA256"),
        ("shpay cursor key: " + purpose).getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
  }

  String seal(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(tag(bytes));
  }

  /** The payload of a cursor this API sealed; anything else is a 400 on {@code cursor}. */
  String open(String cursor) {
    int dot = cursor.indexOf('.');
    if (cursor.length() > 2000 || dot < 1) {
      throw refused();
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
      byte[] tag = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
      if (!MessageDigest.isEqual(tag, tag(payload))) {
        throw refused();
      }
      return new String(payload, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw refused();
    }
  }

  private byte[] tag(byte[] payload) {
    byte[] full = hmac(key, payload);
    byte[] tag = new byte[TAG_BYTES];
    System.arraycopy(full, 0, tag, 0, TAG_BYTES);
    return tag;
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RuntimeException refused() {
    return Failures.invalid("cursor", "is not a cursor this API returned");
  }
}
