package io.shpay.user;

import io.vertx.codegen.annotations.VertxGen;

import java.util.Locale;
import java.util.Optional;

/** What a signed-in person may do. Support staff read across users; admins also manage them. */
@VertxGen
public enum UserRole {
  USER,
  SUPPORT,
  ADMIN;

  public static Optional<UserRole> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
