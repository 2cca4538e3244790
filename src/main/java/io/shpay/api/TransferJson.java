package io.shpay.api;

import io.shpay.openbanking.MoveView;
import io.shpay.openbanking.TransferView;
import io.vertx.core.json.JsonObject;

/**
 * The REST bodies of a user's transfers and moves, field by field from open banking's views: a transfer, and a move
 * with each of its legs (the transfer sent for it, without its amount and time, which are the move's).
 */
final class TransferJson {

  private TransferJson() {}

  static JsonObject transfer(TransferView transfer) {
    return new JsonObject()
        .put("id", transfer.id())
        .put("kind", transfer.kind())
        .put("accountId", transfer.accountId())
        .put("amount", transfer.amount())
        .put("currency", "KRW")
        .put("status", transfer.status())
        .put("bankTranId", transfer.bankTranId())
        .put("bankTranDate", transfer.bankTranDate())
        .put("bankRspCode", transfer.bankRspCode())
        .put("bankMessage", transfer.bankMessage())
        .put("createdAt", transfer.createdAt().toString());
  }

  static JsonObject move(MoveView move) {
    return new JsonObject()
        .put("id", move.id())
        .put("kind", "MOVE")
        .put("fromAccountId", move.fromAccountId())
        .put("toAccountId", move.toAccountId())
        .put("amount", move.amount())
        .put("currency", "KRW")
        .put("status", move.status())
        .put("legs", new JsonObject()
            .put("withdrawal", leg(move.withdrawal()))
            .put("deposit", leg(move.deposit()))
            .put("return", leg(move.returnLeg())))
        .put("createdAt", move.createdAt().toString())
        .put("updatedAt", move.updatedAt().toString());
  }

  private static JsonObject leg(TransferView transfer) {
    return transfer == null ? null : new JsonObject()
        .put("id", transfer.id())
        .put("kind", transfer.kind())
        .put("accountId", transfer.accountId())
        .put("status", transfer.status())
        .put("bankTranId", transfer.bankTranId())
        .put("bankTranDate", transfer.bankTranDate())
        .put("bankRspCode", transfer.bankRspCode())
        .put("bankMessage", transfer.bankMessage());
  }
}
