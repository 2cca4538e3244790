package io.shpay.sandbox.nh;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One NH call in progress: the request, the API its path names, the Asia/Seoul time it is
 * answered at and, once the header checks pass, its {@code IsTuno}. It also writes the answer
 * envelope, so that every answer (success, refusal or injected fault) carries the {@code Header}
 * NH always sends back: the request's own header fields, minus the token, plus {@code Rpcd} and
 * {@code Rsms}.
 */
final class Exchange {

  /** The request header fields an answer echoes; never AccessToken. */
  private static final List<String> ECHOED = List.of("Tsymd", "Trtm", "Iscd", "FintechApsno", "ApiSvcCd", "IsTuno");
  private static final int RSMS_MAX = 100;

  private final RoutingContext ctx;
  private final String apiNm;
  private final LocalDateTime now;
  private JsonObject json;
  private String isTuno;

  Exchange(RoutingContext ctx, String apiNm, LocalDateTime now) {
    this.ctx = ctx;
    this.apiNm = apiNm;
    this.now = now;
  }

  RoutingContext ctx() {
    return ctx;
  }

  /** The API the path names ({@code /DrawingTransfer.nh} → {@code DrawingTransfer}). */
  String apiNm() {
    return apiNm;
  }

  /** Asia/Seoul time of this call, from the options' clock. */
  LocalDateTime now() {
    return now;
  }

  /** The whole request body; one that is missing or not a JSON object is E0002. */
  JsonObject body() {
    if (json == null) {
      try {
        json = ctx.body().asJsonObject();
      } catch (DecodeException | ClassCastException | IllegalStateException e) {
        throw NhError.field("the request body must be a JSON object with a Header");
      }
      if (json == null) {
        throw NhError.field("the request body must be a JSON object with a Header");
      }
    }
    return json;
  }

  /** {@code Header}, which must be a JSON object. */
  JsonObject header() {
    if (!(body().getValue("Header") instanceof JsonObject header)) {
      throw NhError.field("Header is required (a JSON object)");
    }
    return header;
  }

  /** Set by the header checks once the IsTuno is recorded; the {@code Tuno} of the history lines this call writes. */
  void isTuno(String checked) {
    this.isTuno = checked;
  }

  String isTuno() {
    return isTuno;
  }

  /** 00000 with the call's own fields after the Header. */
  JsonObject ok(JsonObject fields) {
    return answer(Rpcd.OK, Rpcd.message(Rpcd.OK)).mergeIn(fields);
  }

  JsonObject refusal(NhError error) {
    return answer(error.rpcd(), Rpcd.message(error.rpcd()) + ": " + error.detail());
  }

  /** The answer of an {@link NhFaults#failNext} fault: the injected code, nothing processed. */
  JsonObject injected(FaultInjector.Failure failure) {
    return answer(failure.rpcd(), failure.rsms() != null ? failure.rsms()
        : Rpcd.message(failure.rpcd()) + " (sandbox fault injection)");
  }

  /**
   * {@code {Header:{...echo, Rpcd, Rsms}}}. Echoed fields are copied only when the request sent
   * them as strings, so a malformed request still gets a well-formed answer; {@code Rsms} is cut
   * to NH's 100 characters, which a client may have sized its storage for.
   */
  JsonObject answer(String rpcd, String rsms) {
    JsonObject sent = quietHeader();
    JsonObject header = new JsonObject().put("ApiNm", sent.getValue("ApiNm") instanceof String s ? s : apiNm);
    for (String field : ECHOED) {
      header.put(field, sent.getValue(field) instanceof String s ? s : "");
    }
    header.put("Rpcd", rpcd).put("Rsms", rsms.length() > RSMS_MAX ? rsms.substring(0, RSMS_MAX) : rsms);
    return new JsonObject().put("Header", header);
  }

  private JsonObject quietHeader() {
    try {
      return header();
    } catch (NhError e) {
      return new JsonObject();
    }
  }
}
