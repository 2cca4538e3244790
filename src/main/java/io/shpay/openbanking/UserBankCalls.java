package io.shpay.openbanking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.function.Function;

/**
 * KFTC calls made with a user's 3-legged token. A token KFTC refuses although SH Pay thought it
 * valid (revoked or expired early) is renewed once and the call made again: a refused call was
 * not processed, so repeating it is safe. The request is rebuilt for the second try, so a call
 * that needs a fresh bank_tran_id gets one. A renewed token refused too means the consent is gone:
 * the link is marked and the caller gets {@code consent_required}, never a third try.
 */
final class UserBankCalls {

  private final KftcClient kftc;
  private final BankLinks links;

  UserBankCalls(KftcClient kftc, BankLinks links) {
    this.kftc = kftc;
    this.links = links;
  }

  Future<KftcReply> get(String userId, String path, Function<BankLinks.UserAccess, Future<Map<String, String>>> query) {
    return links.access(userId)
        .compose(access -> query.apply(access).compose(params -> kftc.get(path, access.accessToken(), params)))
        .compose(reply -> !reply.tokenRefused() ? Future.succeededFuture(reply) : links.renew(userId, true)
            .compose(access -> query.apply(access).compose(params -> kftc.get(path, access.accessToken(), params)))
            .compose(again -> settled(userId, again)));
  }

  Future<KftcReply> post(String userId, String path, Function<BankLinks.UserAccess, JsonObject> body) {
    return links.access(userId)
        .compose(access -> kftc.post(path, access.accessToken(), body.apply(access)))
        .compose(reply -> !reply.tokenRefused() ? Future.succeededFuture(reply) : links.renew(userId, true)
            .compose(access -> kftc.post(path, access.accessToken(), body.apply(access)))
            .compose(again -> settled(userId, again)));
  }

  private Future<KftcReply> settled(String userId, KftcReply again) {
    return again.tokenRefused() ? links.refusedAfterRenewal(userId, again) : Future.succeededFuture(again);
  }
}
