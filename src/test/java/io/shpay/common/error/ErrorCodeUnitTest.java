package io.shpay.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.serviceproxy.ServiceException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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

  @Test
  void busCodesAreTheStatusTimesAHundredPlusThePositionAndMapBack() {
    assertThat(ErrorCode.VALIDATION_FAILED.busCode()).isEqualTo(40000);
    assertThat(ErrorCode.MALFORMED_JSON.busCode()).isEqualTo(40001);
    assertThat(ErrorCode.UNAUTHENTICATED.busCode()).isEqualTo(40100);
    assertThat(ErrorCode.INTERNAL.busCode()).isEqualTo(50000);
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
