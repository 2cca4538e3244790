package io.shpay.security;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Access tokens an attacker can make from a genuine one and the public key, each of which SH Pay must refuse. */
final class Forgeries {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Forgeries() {}

  /** Name of the forgery → the forged token. */
  static Map<String, String> of(String genuine, String publicKeyPem) {
    String[] parts = genuine.split("\\.");
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    String asAdmin = B64.encodeToString(payload.copy().put("role", "ADMIN").encode().getBytes(StandardCharsets.UTF_8));
    String noneHeader = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String hsHeader = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    char[] signature = parts[2].toCharArray();
    int middle = signature.length / 2;
    signature[middle] = signature[middle] == 'A' ? 'B' : 'A';

    Map<String, String> forged = new LinkedHashMap<>();
    forged.put("jwt payload changed", parts[0] + "." + asAdmin + "." + parts[2]);
    forged.put("jwt signature changed", parts[0] + "." + parts[1] + "." + new String(signature));
    forged.put("jwt characters appended", genuine + "x");
    forged.put("jwt alg none", noneHeader + "." + asAdmin + ".");
    forged.put("jwt HS256 with the public key", hsHeader + "." + asAdmin + "."
        + hmac(publicKeyPem, hsHeader + "." + asAdmin));
    return forged;
  }

  private static String hmac(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return B64.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
