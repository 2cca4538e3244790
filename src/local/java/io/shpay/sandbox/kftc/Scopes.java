package io.shpay.sandbox.kftc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The three 3-legged scopes, always written in the same order so that scope strings compare equal. */
final class Scopes {

  static final String LOGIN = "login";
  static final String INQUIRY = "inquiry";
  static final String TRANSFER = "transfer";
  static final String OOB = "oob";

  private static final List<String> USER_SCOPES = List.of(LOGIN, INQUIRY, TRANSFER);

  private Scopes() {
  }

  /**
   * Parses a space-separated scope string of user scopes (canonical order, no repeats), or
   * returns null when it is empty or names anything else.
   */
  static List<String> parseUserScopes(String scope) {
    if (scope == null || scope.isBlank()) {
      return null;
    }
    Set<String> asked = new LinkedHashSet<>(List.of(scope.trim().split("\\s+")));
    if (!USER_SCOPES.containsAll(asked)) {
      return null;
    }
    List<String> ordered = new ArrayList<>(USER_SCOPES);
    ordered.retainAll(asked);
    return List.copyOf(ordered);
  }

  static String join(List<String> scopes) {
    return String.join(" ", scopes);
  }
}
