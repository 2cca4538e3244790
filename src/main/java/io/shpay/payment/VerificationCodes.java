package io.shpay.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The short code of a 1-won verification deposit: drawn at random, sent in the passbook text the
 * user reads in their bank app ({@code SHPAY 1234}), and kept only as a salted SHA-256 digest.
 * Also the holder-name comparison, so that everything a FinAccount's ownership rests on sits in
 * one place that unit tests can reach.
 */
final class VerificationCodes {

  static final int DIGITS = 4;
  /** What the user's passbook shows before the code; at most 20 characters in all at NH. */
  static final String MEMO_PREFIX = "SHPAY ";

  private final SecureRandom random = new SecureRandom();

  /** A code and the salt its digest is made with. */
  record Issued(String code, byte[] salt, byte[] digest) {

    String memo() {
      return MEMO_PREFIX + code;
    }
  }

  Issued issue() {
    StringBuilder code = new StringBuilder(DIGITS);
    for (int i = 0; i < DIGITS; i++) {
      code.append((char) ('0' + random.nextInt(10)));
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return new Issued(code.toString(), salt, digest(salt, code.toString()));
  }

  /** Constant time, so the answer's timing says nothing about how close a guess was. */
  static boolean matches(byte[] salt, byte[] digest, String code) {
    return salt != null && digest != null && MessageDigest.isEqual(digest, digest(salt, code));
  }

  static boolean isWellFormed(String code) {
    return code != null && code.length() == DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * Whether the bank's holder name ({@code Dpnm}) is the user's name: compared after Unicode
   * compatibility normalisation, ignoring spaces and letter case ("김 민지" is "김민지", "KIM MINJI" is
   * "Kim Minji"); anything else differs, as at a bank's counter.
   */
  static boolean sameHolder(String bankName, String userName) {
    return bankName != null && userName != null && !canonical(bankName).isEmpty()
        && canonical(bankName).equals(canonical(userName));
  }

  private static String canonical(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
  }

  private static byte[] digest(byte[] salt, String code) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return sha256.digest(code.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
