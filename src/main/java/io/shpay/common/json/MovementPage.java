package io.shpay.common.json;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One page of a user's money movements, newest first, as several capabilities answer their parts of it (asked with a
 * {@link MovementQuery}) and the API merges the REST items it built from them. Every item has {@code id} and
 * {@code createdAt}.
 */
public final class MovementPage {

  /** Newest first; at the same instant, the greater id first (the order every source's SQL sorts in). */
  public static final Comparator<JsonObject> NEWEST_FIRST = Comparator
      .comparing((JsonObject item) -> Instant.parse(item.getString("createdAt"))).reversed()
      .thenComparing(item -> item.getString("id"), Comparator.reverseOrder());

  private MovementPage() {}

  /** The newest {@code limit} of several sources' pages, and whether more follow. */
  public static Merged merge(List<List<JsonObject>> pages, int limit) {
    List<JsonObject> all = new ArrayList<>();
    pages.forEach(all::addAll);
    all.sort(NEWEST_FIRST);
    boolean more = all.size() > limit;
    return new Merged(all.subList(0, Math.min(limit, all.size())), more);
  }

  public record Merged(List<JsonObject> items, boolean more) {}
}
