package io.shpay.sandbox.nh;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Pattern;

/**
 * The checks every call's {@code Header} passes before its body is looked at, in a fixed order:
 * ApiNm, Tsymd/Trtm, Iscd, FintechApsno, ApiSvcCd (E0002 naming the field), AccessToken (E0001),
 * IsTuno (E0002 for its shape, E0003 for a repeat). The IsTuno is recorded last, so only a call
 * that passed every other header check uses one up.
 */
final class HeaderGuard {

  /** How far Tsymd/Trtm may be from NH's clock: a day either way, enough for any clock skew or queue. */
  static final Duration TIME_WINDOW = Duration.ofHours(24);

  static final String DRAWING_SERVICE = "DrawingTransferA";
  static final String RECEIVED_SERVICE = "ReceivedTransferA";

  private static final Pattern FINTECH_APSNO = Pattern.compile("\\d{3}");
  private static final Pattern IS_TUNO = Pattern.compile("\\d{1,20}");

  private final String iscd;
  private final byte[] accessToken;
  private final IsTunos isTunos;

  HeaderGuard(NhSandboxOptions options, IsTunos isTunos) {
    this.iscd = options.iscd();
    this.accessToken = options.accessToken().getBytes(StandardCharsets.UTF_8);
    this.isTunos = isTunos;
  }

  void check(Exchange ex) {
    JsonObject header = ex.header();
    String apiNm = Fields.string(header, "ApiNm");
    if (!ex.apiNm().equals(apiNm)) {
      throw NhError.field("ApiNm must be " + ex.apiNm() + ", the API of the path");
    }
    LocalDate tsymd = Wire.date(Fields.string(header, "Tsymd"), "Tsymd");
    LocalTime trtm = Wire.time(Fields.string(header, "Trtm"), "Trtm");
    LocalDateTime sent = tsymd.atTime(trtm);
    if (Duration.between(sent, ex.now()).abs().compareTo(TIME_WINDOW) > 0) {
      throw NhError.field("Tsymd/Trtm must be within 24 hours of NH's time (Asia/Seoul)");
    }
    if (!iscd.equals(Fields.string(header, "Iscd"))) {
      throw NhError.field("Iscd is not this institution's code");
    }
    String fintechApsno = Fields.string(header, "FintechApsno");
    if (fintechApsno == null || !FINTECH_APSNO.matcher(fintechApsno).matches()) {
      throw NhError.field("FintechApsno must be 3 digits");
    }
    String apiSvcCd = Fields.oneOf(header, "ApiSvcCd", DRAWING_SERVICE, RECEIVED_SERVICE);
    checkAccessToken(header.getValue("AccessToken"));
    String isTuno = isTuno(header.getValue("IsTuno"));
    isTunos.use(apiSvcCd, tsymd, isTuno);
    ex.isTuno(isTuno);
  }

  /** Constant-time, and the refusal never quotes what was sent: a near-miss may be a real token. */
  private void checkAccessToken(Object sent) {
    boolean valid = sent instanceof String token
        && MessageDigest.isEqual(accessToken, token.getBytes(StandardCharsets.UTF_8));
    if (!valid) {
      throw NhError.of(Rpcd.ACCESS_TOKEN, "AccessToken is missing or not valid");
    }
  }

  /** A JSON string of digits; as a JSON number it would lose its leading zeros, so that is refused too. */
  private static String isTuno(Object sent) {
    if (!(sent instanceof String isTuno)) {
      throw NhError.field("IsTuno must be a JSON string of 1 to 20 digits (keep leading zeros)");
    }
    if (!IS_TUNO.matcher(isTuno).matches()) {
      throw NhError.field("IsTuno must be 1 to 20 digits");
    }
    return isTuno;
  }
}
