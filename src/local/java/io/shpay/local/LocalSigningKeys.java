package io.shpay.local;

import io.shpay.common.config.Secret;
import io.shpay.user.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The JWT signing key pair of a local stack that keeps its data: made on the first run and read on every later one,
 * so that sessions (refresh tokens in MariaDB) survive a restart along with the users. Without a data directory the
 * launcher makes a pair for the one run.
 */
final class LocalSigningKeys {

  private static final String PRIVATE_KEY = "private.pem";
  private static final String PUBLIC_KEY = "public.pem";

  private LocalSigningKeys() {}

  /** The pair kept in {@code dir}, made there first if it is not there yet. */
  static SigningKeys.Pem keptIn(Path dir) {
    Path privateKey = dir.resolve(PRIVATE_KEY);
    Path publicKey = dir.resolve(PUBLIC_KEY);
    try {
      if (Files.isRegularFile(privateKey) && Files.isRegularFile(publicKey)) {
        return new SigningKeys.Pem(new Secret(Files.readString(privateKey)),
            Files.readString(publicKey));
      }
      Files.createDirectories(dir);
      SigningKeys.Pem made = SigningKeys.generate();
      writeOwnerOnly(privateKey, made.privateKey().reveal());
      Files.writeString(publicKey, made.publicKey(), StandardCharsets.US_ASCII);
      return made;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the JWT signing key in " + dir, e);
    }
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII);
  }
}
