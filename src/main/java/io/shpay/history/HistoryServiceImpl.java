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
  public Future<HistoryPage> userHistory(String userId, HistoryQuery query) {
    return search(query.ofUser(userId));
  }

  @Override
  public Future<HistoryPage> supportSearch(String supportUserId, HistoryQuery query) {
    return search(query).compose(page -> {
      JsonObject filter = query.toJson();
      filter.remove("cursor");
      return audit.record(supportUserId, filter, page.items().size()).map(page);
    });
  }

  private Future<HistoryPage> search(HistoryQuery query) {
    try {
      return entries.search(query);
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
  }
}
