package io.shpay.openbanking;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Which of the accounts KFTC lists SH Pay links: only those whose holder ({@code account_holder_name}) is the person
 * KFTC's {@code user/me} names. KFTC lists every account a person registered, but SH Pay moves money only between a
 * user's own accounts, so an account held by someone else (a family member's, a company's) is left out.
 */
final class HeldAccounts {

  private HeldAccounts() {}

  /** The accounts held by {@code userName}; names compare without spaces and case. */
  static List<JsonObject> heldBy(String userName, List<JsonObject> listed) {
    return listed.stream().filter(account -> sameName(userName, account.getString("account_holder_name"))).toList();
  }

  static boolean sameName(String one, String other) {
    return one != null && other != null
        && one.replaceAll("\\s+", "").equalsIgnoreCase(other.replaceAll("\\s+", ""));
  }
}
