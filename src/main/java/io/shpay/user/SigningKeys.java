package io.shpay.user;

import io.shpay.common.config.Secret;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** ES256 (P-256) key pairs in PEM, the form {@code auth.jwtPrivateKey} and {@code auth.jwtPublicKey} take. */
public final class SigningKeys {

  private SigningKeys() {}

  public record Pem(Secret privateKey, String publicKey) {}

  /** A fresh pair for a process that may sign with a key nobody configured (local mode, tests). */
  public static Pem generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      return new Pem(
          new Secret(pem("PRIVATE KEY", pair.getPrivate().getEncoded())),
          pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM cannot generate P-256 keys", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
