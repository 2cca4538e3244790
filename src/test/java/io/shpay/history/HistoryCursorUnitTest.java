package io.shpay.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.FieldError;
import io.shpay.common.error.Failures;
import io.vertx.serviceproxy.ServiceException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HistoryCursorUnitTest {

  @Test
  void aCursorComesBackAsTheSamePositionAndIsUrlSafe() {
    HistoryCursor cursor = new HistoryCursor(LocalDateTime.of(2026, 11, 21, 6, 30, 15, 123_000_000), 4_711);

    String encoded = cursor.encode();

    assertThat(encoded).matches("[A-Za-z0-9_-]+");
    assertThat(HistoryCursor.decode(encoded)).isEqualTo(cursor);
  }

  @Test
  void somethingThatIsNotACursorIsAFieldErrorOnCursor() {
    for (String bad : new String[] {"", "not base64!", base64("12345"), base64("abc:1"), base64("1:2:3")}) {
      ServiceException failure = catchThrowableOfType(ServiceException.class, () -> HistoryCursor.decode(bad));

      assertThat(failure).as(bad).isNotNull();
      assertThat(failure.failureCode()).as(bad).isEqualTo(ErrorCode.VALIDATION_FAILED.busCode());
      assertThat(Failures.fieldErrors(failure)).as(bad)
          .containsExactly(new FieldError("cursor", "is not a cursor from a previous page"));
    }
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
