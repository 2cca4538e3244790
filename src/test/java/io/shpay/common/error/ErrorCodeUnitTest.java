package io.shpay.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.serviceproxy.ServiceException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorCodeUnitTest {

  @Test
  void everyCodeIsAClientOrServerErrorWithAUniqueSnakeCaseName() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.httpStatus()).as(code.name()).isBetween(400, 599);
      assertThat(code.code()).as(code.name()).matches("[a-z]+(_[a-z]+)*");
      assertThat(code.title()).as(code.name()).isNotBlank();
    }
    assertThat(new HashSet<>(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList()))
        .hasSize(ErrorCode.values().length);
  }

  /**
   * Every bus code as released. A process reads another's failures by these numbers, so none may
   * change: a new constant appends a row here, an existing row is never edited.
   */
  private static final Map<ErrorCode, Integer> RELEASED_BUS_CODES = Map.ofEntries(
      Map.entry(ErrorCode.VALIDATION_FAILED, 40000),
      Map.entry(ErrorCode.MALFORMED_JSON, 40001),
      Map.entry(ErrorCode.BAD_REQUEST, 40002),
      Map.entry(ErrorCode.UNAUTHENTICATED, 40100),
      Map.entry(ErrorCode.INVALID_CREDENTIALS, 40101),
      Map.entry(ErrorCode.INVALID_REFRESH_TOKEN, 40102),
      Map.entry(ErrorCode.REFRESH_TOKEN_REUSED, 40103),
      Map.entry(ErrorCode.FORBIDDEN, 40300),
      Map.entry(ErrorCode.NOT_FOUND, 40400),
      Map.entry(ErrorCode.METHOD_NOT_ALLOWED, 40500),
      Map.entry(ErrorCode.EMAIL_TAKEN, 40900),
      Map.entry(ErrorCode.PAYLOAD_TOO_LARGE, 41300),
      Map.entry(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 41500),
      Map.entry(ErrorCode.RATE_LIMITED, 42900),
      Map.entry(ErrorCode.INTERNAL, 50000),
      Map.entry(ErrorCode.SERVICE_UNAVAILABLE, 50300),
      Map.entry(ErrorCode.TIMEOUT, 50301),
      Map.entry(ErrorCode.CONSENT_REQUIRED, 40301),
      Map.entry(ErrorCode.INVALID_CONSENT_STATE, 40003),
      Map.entry(ErrorCode.INSUFFICIENT_FUNDS, 42200),
      Map.entry(ErrorCode.BANK_REJECTED, 42201),
      Map.entry(ErrorCode.BANK_ERROR, 50200),
      Map.entry(ErrorCode.BANK_UNAVAILABLE, 50302),
      Map.entry(ErrorCode.IDEMPOTENCY_KEY_REUSED, 42202),
      Map.entry(ErrorCode.REQUEST_IN_PROGRESS, 40901),
      Map.entry(ErrorCode.CHECKOUT_NOT_PAYABLE, 40902),
      Map.entry(ErrorCode.ORDER_EXISTS, 40903),
      Map.entry(ErrorCode.PAYMENT_NOT_REFUNDABLE, 40904),
      Map.entry(ErrorCode.REFUND_EXCEEDS_PAYMENT, 42203),
      Map.entry(ErrorCode.MODEL_ERROR, 50201),
      Map.entry(ErrorCode.MODEL_UNAVAILABLE, 50303),
      Map.entry(ErrorCode.HOLDER_NAME_MISMATCH, 42204),
      Map.entry(ErrorCode.FIN_ACCOUNT_UNVERIFIED, 40905),
      Map.entry(ErrorCode.VERIFICATION_CODE_WRONG, 42205),
      Map.entry(ErrorCode.VERIFICATION_CODE_EXPIRED, 42206),
      Map.entry(ErrorCode.VERIFICATION_LOCKED, 42207),
      Map.entry(ErrorCode.CONSENT_OTHER_BROWSER, 40004),
      Map.entry(ErrorCode.CONSENT_DENIED, 40005),
      Map.entry(ErrorCode.NOT_REPAIRABLE, 40906),
      Map.entry(ErrorCode.WRONG_PASSWORD, 40302),
      Map.entry(ErrorCode.MOVEMENTS_IN_PROGRESS, 40907));

  @Test
  void busCodesAreThoseReleasedAndDoNotMoveWhenACodeIsAdded() {
    RELEASED_BUS_CODES.forEach((code, released) -> assertThat(code.busCode()).as(code.name()).isEqualTo(released));
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(RELEASED_BUS_CODES).as("%s has no released bus code: add its row", code).containsKey(code);
    }
  }

  @Test
  void busCodesAreUniqueStartWithTheHttpStatusAndMapBack() {
    assertThat(new HashSet<>(Arrays.stream(ErrorCode.values()).map(ErrorCode::busCode).toList()))
        .hasSize(ErrorCode.values().length);
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.busCode() / 100).as(code.name()).isEqualTo(code.httpStatus());
      assertThat(ErrorCode.fromBusCode(code.busCode())).as(code.name()).contains(code);
    }
    assertThat(ErrorCode.fromBusCode(40099)).isEmpty();
    assertThat(ErrorCode.fromBusCode(-1)).isEmpty();
  }

  @Test
  void aFailureCarriesItsBusCodeStableCodeAndDetail() {
    ServiceException failure = Failures.of(ErrorCode.INSUFFICIENT_FUNDS, "Only 300 won left.");

    assertThat(failure.failureCode()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS.busCode());
    assertThat(failure.getMessage()).isEqualTo("Only 300 won left.");
    assertThat(failure.getDebugInfo().getString("code")).isEqualTo("insufficient_funds");
    assertThat(Failures.of(ErrorCode.NOT_FOUND).getMessage()).isEqualTo(ErrorCode.NOT_FOUND.title());
  }

  @Test
  void fieldErrorsAndRetryAfterSurviveTheTripThroughTheFailure() {
    ServiceException one = Failures.invalid("email", "must be an email address");
    ServiceException two = Failures.invalid(List.of(new FieldError("email", "is required"),
        new FieldError("password", "must be at least 10 characters")));
    ServiceException limited = Failures.rateLimited(42);

    assertThat(one.getMessage()).isEqualTo("Field 'email' must be an email address.");
    assertThat(Failures.fieldErrors(one)).containsExactly(new FieldError("email", "must be an email address"));
    assertThat(two.getMessage()).isEqualTo("2 fields are invalid: email, password.");
    assertThat(Failures.fieldErrors(two)).hasSize(2);
    assertThat(Failures.retryAfterSeconds(limited)).isEqualTo(42L);
    assertThat(limited.failureCode()).isEqualTo(ErrorCode.RATE_LIMITED.busCode());
    assertThat(Failures.retryAfterSeconds(one)).isNull();
    assertThat(Failures.fieldErrors(limited)).isEmpty();
  }
}
