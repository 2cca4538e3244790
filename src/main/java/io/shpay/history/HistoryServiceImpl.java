package io.shpay.history;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** {@link HistoryService} over {@link HistoryEntries}, with support searches audited before they answer. */
final class HistoryServiceImpl implements HistoryService {

  private final HistoryEntries entries;
  private final SupportAudit audit;

  HistoryServiceImpl(HistoryEntries entries, SupportAudit audit) {
    this.entries = entries;
    this.audit = audit;
  }

  @Override
  public Future<JsonObject> userHistory(String userId, JsonObject query) {
    return search(query.copy().put("userId", userId)).map(page -> {
      page.getJsonArray("items").forEach(item -> ((JsonObject) item).remove("userId"));
      return page;
    });
  }

  @Override
  public Future<JsonObject> supportSearch(String supportUserId, JsonObject query) {
    return search(query).compose(page -> {
      JsonObject filter = query.copy();
      filter.remove("cursor");
      return audit.record(supportUserId, filter, page.getJsonArray("items").size()).map(page);
    });
  }

  private Future<JsonObject> search(JsonObject query) {
    try {
      return entries.search(query);
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
  }
}
