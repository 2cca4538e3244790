package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Open banking's part of a page of a user's money movements: their moves between their own accounts (with their
 * legs) and their withdrawals to SH Pay, each newest first and at most the query's limit; the API merges them with
 * the other capabilities' parts.
 */
@DataObject
public final class BankMovementPage {

  private final List<MoveView> moves;
  private final List<TransferView> withdrawals;

  public BankMovementPage(List<MoveView> moves, List<TransferView> withdrawals) {
    this.moves = List.copyOf(moves);
    this.withdrawals = List.copyOf(withdrawals);
  }

  public BankMovementPage(JsonObject json) {
    List<MoveView> moved = new ArrayList<>();
    json.getJsonArray("moves").forEach(item -> moved.add(new MoveView((JsonObject) item)));
    List<TransferView> withdrawn = new ArrayList<>();
    json.getJsonArray("withdrawals").forEach(item -> withdrawn.add(new TransferView((JsonObject) item)));
    this.moves = List.copyOf(moved);
    this.withdrawals = List.copyOf(withdrawn);
  }

  public JsonObject toJson() {
    JsonArray moved = new JsonArray();
    moves.forEach(move -> moved.add(move.toJson()));
    JsonArray withdrawn = new JsonArray();
    withdrawals.forEach(withdrawal -> withdrawn.add(withdrawal.toJson()));
    return new JsonObject().put("moves", moved).put("withdrawals", withdrawn);
  }

  public List<MoveView> moves() {
    return moves;
  }

  public List<TransferView> withdrawals() {
    return withdrawals;
  }
}
