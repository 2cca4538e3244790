package io.shpay.common.json;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One page of a user's money movements, newest first, as several capabilities answer it and the API merges it. The
 * question travels as JSON: {@code fromAt} (inclusive) and {@code beforeAt} (exclusive) instants, {@code beforeId}
 * (with {@code beforeAt}, the last item of the previous page: items at that instant with a smaller id still come),
 * {@code statuses} (upper case, empty for all) and {@code limit}. Every item has {@code id} and {@code createdAt}.
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
