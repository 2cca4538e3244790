package io.shpay.payment;

import io.shpay.common.config.PaymentsConfig;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The NH Developers fintech API over vertx-web-client; the same code talks to NH and to SH Pay's
 * sandbox. Every call carries the Header NH requires, with the IsTuno the caller issued (kept as a
 * string, leading zeros and all). Refusals are {@link NhReply}s to read; only a missing answer
 * fails the future ({@link NhUnreachable}). Nothing here retries.
 */
final class NhClient {

  static final String DRAWING = "DrawingTransferA";
  static final String RECEIVING = "ReceivedTransferA";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  private final WebClient web;
  private final PaymentsConfig config;
  private final BankTime time;

  NhClient(WebClient web, PaymentsConfig config, BankTime time) {
    this.web = web;
    this.config = config;
    this.time = time;
  }

  Future<NhReply> call(String apiNm, String apiSvcCd, String isTuno, JsonObject body) {
    ZonedDateTime now = time.now();
    JsonObject request = body.copy().put("Header", new JsonObject()
        .put("ApiNm", apiNm)
        .put("Tsymd", BankTime.DATE.format(now))
        .put("Trtm", TIME.format(now))
        .put("Iscd", config.nhIscd())
        .put("FintechApsno", config.nhFintechApsno())
        .put("ApiSvcCd", apiSvcCd)
        .put("IsTuno", isTuno)
        .put("AccessToken", config.nhAccessToken().reveal()));
    return web.postAbs(config.nhBaseUrl() + "/" + apiNm + ".nh")
        .putHeader("Content-Type", "application/json; charset=UTF-8")
        .timeout(config.nhTimeout().toMillis())
        .sendJsonObject(request)
        .transform(result -> answer(apiNm, result.failed() ? null : result.result(), result.cause()));
  }

  private static Future<NhReply> answer(String apiNm, HttpResponse<Buffer> response, Throwable failure) {
    if (response == null) {
      return Future.failedFuture(new NhUnreachable("NH " + apiNm + " did not answer: "
          + failure.getClass().getSimpleName(), failure));
    }
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || !body.containsKey("Header")) {
      return Future.failedFuture(new NhUnreachable("NH " + apiNm + " answered HTTP " + response.statusCode()
          + " without an NH body", null));
    }
    return Future.succeededFuture(new NhReply(body));
  }
}
