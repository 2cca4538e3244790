package io.shpay.user;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Argon2id password hashing (OWASP's minimum: 19 MiB, 2 passes, 1 lane), in the PHC string format
 * so parameters can be raised later without breaking old hashes. Hashing is deliberately slow,
 * so it always runs on a worker thread, never on an event loop.
 */
final class PasswordHasher {

  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

  private final Vertx vertx;
  private volatile String decoyHash;

  PasswordHasher(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Prepares the decoy hash compared against when an email is unknown (see {@link #verifyDecoy}). */
  Future<Void> warmUp() {
    return hash("decoy password for unknown accounts").map(hash -> {
      decoyHash = hash;
      return null;
    });
  }

  Future<String> hash(String password) {
    return vertx.executeBlocking(() -> Password.hash(password).addRandomSalt(16).with(ARGON2).getResult(), false);
  }

  Future<Boolean> verify(String password, String hash) {
    return vertx.executeBlocking(
        () -> Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash)), false);
  }

  /**
   * Spends the same time as a real check and always answers false, so a wrong email cannot be
   * told from a wrong password by timing.
   */
  Future<Boolean> verifyDecoy(String password) {
    return verify(password, decoyHash).map(ignored -> false);
  }
}
