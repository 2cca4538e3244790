package io.shpay.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.FieldError;
import io.shpay.common.error.Failures;
import io.vertx.core.buffer.Buffer;
import io.vertx.serviceproxy.ServiceException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonBodyUnitTest {

  private static final Set<String> FIELDS = Set.of("name", "amount", "accountId", "password");

  @Test
  void anEmptyBodyIsMalformedJson() {
    ServiceException failure = catchThrowableOfType(ServiceException.class, () -> JsonBody.parse(Buffer.buffer(), FIELDS));

    assertThat(failure.failureCode()).isEqualTo(ErrorCode.MALFORMED_JSON.busCode());
  }

  @Test
  void aJsonArrayOrBrokenJsonIsMalformedJson() {
    ServiceException array = catchThrowableOfType(ServiceException.class,
        () -> JsonBody.parse(Buffer.buffer("[1,2]"), FIELDS));
    ServiceException broken = catchThrowableOfType(ServiceException.class,
        () -> JsonBody.parse(Buffer.buffer("{\"name\":"), FIELDS));

    assertThat(array.failureCode()).isEqualTo(ErrorCode.MALFORMED_JSON.busCode());
    assertThat(array.getMessage()).contains("JSON object");
    assertThat(broken.failureCode()).isEqualTo(ErrorCode.MALFORMED_JSON.busCode());
  }

  @Test
  void everyBadFieldIsReportedAtOnceIncludingUnknownOnes() {
    JsonBody body = JsonBody.parse(Buffer.buffer("{\"name\":\"  \",\"amount\":12.5,\"color\":\"red\"}"), FIELDS);
    body.requiredString("name", 1, 20);
    body.requiredAmount("amount", 1_000_000);
    body.requiredId("accountId");

    ServiceException failure = catchThrowableOfType(ServiceException.class, body::validate);

    assertThat(failure.failureCode()).isEqualTo(ErrorCode.VALIDATION_FAILED.busCode());
    assertThat(Failures.fieldErrors(failure)).extracting(FieldError::field)
        .containsExactlyInAnyOrder("color", "name", "amount", "accountId");
    assertThat(failure.getMessage()).isEqualTo("4 fields are invalid: color, name, amount, accountId.");
  }

  @Test
  void amountsAreWholePositiveWonWithinTheLimit() {
    assertThat(amountError("12000")).isNull();
    assertThat(amountError("100.0")).isEqualTo("must be a whole number of won");
    assertThat(amountError("\"100\"")).isEqualTo("must be a number of won");
    assertThat(amountError("0")).isEqualTo("must be a positive number of won");
    assertThat(amountError("-5")).isEqualTo("must be a positive number of won");
    assertThat(amountError("1000001")).isEqualTo("must be at most 1000000 won");
    assertThat(amountError("123456789012345678901234567890")).isEqualTo("must be at most 1000000 won");
  }

  @Test
  void stringsAreTrimmedButSecretsAreTakenAsGiven() {
    JsonBody body = JsonBody.parse(Buffer.buffer("{\"name\":\"  Minji \",\"password\":\" secret pass \"}"), FIELDS);

    assertThat(body.requiredString("name", 1, 20)).isEqualTo("Minji");
    assertThat(body.requiredSecret("password", 10, 100)).isEqualTo(" secret pass ");
    body.validate();
  }

  private static String amountError(String json) {
    JsonBody body = JsonBody.parse(Buffer.buffer("{\"amount\":" + json + "}"), FIELDS);
    Long amount = body.requiredAmount("amount", 1_000_000);
    if (!body.hasErrorFor("amount")) {
      assertThat(amount).isEqualTo(Long.parseLong(json));
      return null;
    }
    ServiceException failure = catchThrowableOfType(ServiceException.class, body::validate);
    return Failures.fieldErrors(failure).get(0).message();
  }
}
