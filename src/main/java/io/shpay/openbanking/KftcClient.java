package io.shpay.openbanking;

import io.shpay.common.config.OpenBankingConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.Map;

/**
 * The KFTC Open API v2.0 over vertx-web-client: the same code talks to KFTC and to SH Pay's
 * sandbox, only the base URL differs. Calls never fail for a KFTC-level refusal (that is a
 * {@link KftcReply} to read); they fail with {@link BankUnreachable} when no answer arrives.
 * Nothing here retries: whether a retry is safe is the caller's decision.
 */
final class KftcClient {

  private final WebClient web;
  private final OpenBankingConfig config;

  KftcClient(WebClient web, OpenBankingConfig config) {
    this.web = web;
    this.config = config;
  }

  Future<KftcReply> exchangeCode(String code) {
    return token(MultiMap.caseInsensitiveMultiMap()
        .add("code", code)
        .add("client_id", config.clientId())
        .add("client_secret", config.clientSecret().reveal())
        .add("redirect_uri", config.redirectUri())
        .add("grant_type", "authorization_code"));
  }

  Future<KftcReply> refresh(String refreshToken) {
    return token(MultiMap.caseInsensitiveMultiMap()
        .add("client_id", config.clientId())
        .add("client_secret", config.clientSecret().reveal())
        .add("refresh_token", refreshToken)
        .add("scope", config.scope())
        .add("grant_type", "refresh_token"));
  }

  /** The 2-legged token for calls on SH Pay's own behalf (deposits, transfer results). */
  Future<KftcReply> oobToken() {
    return token(MultiMap.caseInsensitiveMultiMap()
        .add("client_id", config.clientId())
        .add("client_secret", config.clientSecret().reveal())
        .add("scope", "oob")
        .add("grant_type", "client_credentials"));
  }

  Future<KftcReply> get(String path, String accessToken, Map<String, String> query) {
    HttpRequest<Buffer> request = web.getAbs(config.baseUrl() + path).bearerTokenAuthentication(accessToken);
    query.forEach(request::addQueryParam);
    return answer(request.timeout(config.timeout().toMillis()).send(), path);
  }

  Future<KftcReply> post(String path, String accessToken, JsonObject body) {
    return answer(web.postAbs(config.baseUrl() + path)
        .bearerTokenAuthentication(accessToken)
        .timeout(config.timeout().toMillis())
        .sendJsonObject(body), path);
  }

  private Future<KftcReply> token(MultiMap form) {
    return answer(web.postAbs(config.baseUrl() + "/oauth/2.0/token")
        .timeout(config.timeout().toMillis())
        .sendForm(form), "/oauth/2.0/token");
  }

  private static Future<KftcReply> answer(Future<HttpResponse<Buffer>> sent, String path) {
    return sent.transform(result -> {
      if (result.failed()) {
        return Future.failedFuture(new BankUnreachable("KFTC " + path + " did not answer: "
            + result.cause().getClass().getSimpleName(), result.cause()));
      }
      HttpResponse<Buffer> response = result.result();
      JsonObject body;
      try {
        body = response.bodyAsJsonObject();
      } catch (RuntimeException e) {
        body = null;
      }
      if (body == null || (response.statusCode() != 200 && !body.containsKey("rsp_code"))) {
        return Future.failedFuture(new BankUnreachable("KFTC " + path + " answered HTTP " + response.statusCode()
            + " without a KFTC body", null));
      }
      return Future.succeededFuture(new KftcReply(body));
    });
  }
}
