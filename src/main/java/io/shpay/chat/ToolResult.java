package io.shpay.chat;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What a tool call produced: the JSON given back to the model (or to the offline assistant), the
 * accounts it touched and how it ended, for the audit.
 */
record ToolResult(String tool, Outcome outcome, List<String> accountIds, JsonObject content, String detail) {

  enum Outcome { OK, REFUSED, FAILED }

  static ToolResult ok(String tool, List<String> accountIds, JsonObject content) {
    return new ToolResult(tool, Outcome.OK, List.copyOf(accountIds), content, null);
  }

  static ToolResult refused(String tool, List<String> accountIds, String code, String message) {
    return new ToolResult(tool, Outcome.REFUSED, accountIds, error(code, message), code);
  }

  static ToolResult failed(String tool, List<String> accountIds, String code, String message) {
    return new ToolResult(tool, Outcome.FAILED, accountIds, error(code, message), code);
  }

  boolean ok() {
    return outcome == Outcome.OK;
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }
}
