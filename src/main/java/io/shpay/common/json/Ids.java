package io.shpay.common.json;

import java.util.regex.Pattern;

/** SH Pay's ids are lower-case UUIDs; anything else cannot name a resource. */
public final class Ids {

  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Ids() {}

  public static boolean isValid(String id) {
    return id != null && UUID.matcher(id).matches();
  }
}
