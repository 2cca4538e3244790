package io.shpay.history;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Reads the payment history the history consumer writes, served by {@link HistoryVerticle}
 * wherever the API runs: a {@link HistoryQuery} answered by a {@link HistoryPage}, newest first.
 * Each REST view of the entries is built in the API.
 *
 * <p>Failures: {@code validation_failed} (a cursor that is not one of ours).
 */
@ProxyGen
@VertxGen
public interface HistoryService {

  String ADDRESS = "shpay.history";

  static HistoryService proxy(Vertx vertx) {
    return new HistoryServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The user's own history; any {@code userId} in the query is replaced by {@code userId}. */
  Future<HistoryPage> userHistory(String userId, HistoryQuery query);

  /** Support's search across users; recorded in {@code support_queries} (who, when, which filter) before it answers. */
  Future<HistoryPage> supportSearch(String supportUserId, HistoryQuery query);
}
