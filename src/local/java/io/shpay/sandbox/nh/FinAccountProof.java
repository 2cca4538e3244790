package io.shpay.sandbox.nh;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the holder of an NH account does to prove a FinAccount is theirs: reads the code of SH
 * Pay's newest 1-won deposit in the account's history ({@code InquireTransactionHistory} on the NH
 * sandbox, over the wire, as a bank app shows the passbook) and sends it to
 * {@code POST /api/v1/fin-accounts/{id}/verify}. Tests and the bench both prove accounts with it.
 */
public final class FinAccountProof {

  private static final Pattern MEMO = Pattern.compile("^SHPAY (\\d{4})$");
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  private final WebClient web;
  private final String nhBaseUrl;
  private final NhSandboxOptions nh;
  private final SecureRandom random = new SecureRandom();

  /** For an NH sandbox started with {@code nh}'s institution code and access token. */
  public FinAccountProof(Vertx vertx, String nhBaseUrl, NhSandboxOptions nh) {
    this.web = WebClient.create(vertx);
    this.nhBaseUrl = nhBaseUrl;
    this.nh = nh;
  }

  /** For a sandbox with the default (local) credentials, as the local stack starts it. */
  public FinAccountProof(Vertx vertx, String nhBaseUrl) {
    this(vertx, nhBaseUrl, NhSandboxOptions.defaults());
  }

  /** The code in the newest SH Pay 1-won deposit into the account. */
  public Future<String> latestCode(String bankCode, String accountNumber) {
    LocalDate today = LocalDate.now(SEOUL);
    JsonObject request = new JsonObject()
        .put("Header", header("InquireTransactionHistory"))
        .put("Bncd", bankCode).put("Acno", accountNumber)
        .put("Insymd", DATE.format(today.minusDays(1))).put("Ineymd", DATE.format(today.plusDays(1)))
        .put("TrnsDsnc", "M").put("Lnsq", "DESC").put("PageNo", "1").put("Dmcnt", "100");
    return web.postAbs(nhBaseUrl + "/InquireTransactionHistory.nh").sendJsonObject(request).map(response -> {
      JsonObject body = response.bodyAsJsonObject();
      if (!"00000".equals(body.getJsonObject("Header").getString("Rpcd"))) {
        throw new AssertionError("NH history refused: " + body.encode());
      }
      return body.getJsonArray("REC").stream().map(JsonObject.class::cast)
          .filter(line -> "1".equals(line.getString("Tram")))
          .map(line -> MEMO.matcher(line.getString("Smr", "")))
          .filter(Matcher::matches)
          .map(memo -> memo.group(1))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no 1-won SH Pay deposit in the history of " + accountNumber));
    });
  }

  /** Reads the code and sends it with {@code verifyRequest}: the verified FinAccount's view. */
  public Future<JsonObject> confirm(HttpRequest<Buffer> verifyRequest, String bankCode, String accountNumber) {
    return latestCode(bankCode, accountNumber)
        .compose(code -> verifyRequest.sendJsonObject(new JsonObject().put("code", code)))
        .map(FinAccountProof::verified);
  }

  private static JsonObject verified(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200 || !"VERIFIED".equals(response.bodyAsJsonObject().getString("status"))) {
      throw new AssertionError("verification failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  private JsonObject header(String apiNm) {
    LocalDateTime now = LocalDateTime.now(SEOUL);
    // 20 random digits starting with 9: never one SH Pay's own IsTunos would collide with in practice.
    StringBuilder isTuno = new StringBuilder("9");
    for (int i = 1; i < 20; i++) {
      isTuno.append((char) ('0' + random.nextInt(10)));
    }
    return new JsonObject()
        .put("ApiNm", apiNm)
        .put("Tsymd", DATE.format(now))
        .put("Trtm", TIME.format(now))
        .put("Iscd", nh.iscd())
        .put("FintechApsno", "001")
        .put("ApiSvcCd", "ReceivedTransferA")
        .put("IsTuno", isTuno.toString())
        .put("AccessToken", nh.accessToken());
  }
}
