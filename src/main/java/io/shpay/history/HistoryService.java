package io.shpay.history;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Reads the payment history the history consumer writes, served by {@link HistoryVerticle}
 * wherever the API runs. A query is a JSON object with optional {@code userId}, {@code merchantId},
 * {@code orderId}, {@code status}, {@code kind} ({@code payment} or {@code refund}), {@code from} and
 * {@code to} (ISO dates, Asia/Seoul, inclusive), {@code limit} (1–100) and {@code cursor}; the answer
 * is {@code {items, nextCursor}}, newest first.
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
  Future<JsonObject> userHistory(String userId, JsonObject query);

  /** Support's search across users; recorded in {@code support_queries} (who, when, which filter) before it answers. */
  Future<JsonObject> supportSearch(String supportUserId, JsonObject query);
}
