package io.shpay.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** How failures that no route expects are classified; an HTTP test cannot provoke a real bug on demand. */
class ProblemHandlerTest {

  @Test
  void anUnexpectedExceptionBecomesA500WithAnErrorIdAndNoInternals() {
    Problem problem = ProblemHandler.classify(new IllegalStateException("secret internal state: db password xyz"), 500);

    JsonObject body = problem.toJson("/api/v1/x", "req-1");
    assertThat(problem.code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(body.getInteger("status")).isEqualTo(500);
    assertThat(body.getString("errorId")).isNotBlank();
    assertThat(body.getString("detail")).contains(body.getString("errorId"));
    assertThat(body.encode()).doesNotContain("secret", "IllegalStateException", "xyz");
  }

  @Test
  void aServiceFailureKeepsItsCodeFieldsAndRetryAfter() {
    Problem problem = ProblemHandler.classify(Failures.rateLimited(42), 500);

    assertThat(problem.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(problem.retryAfterSeconds()).isEqualTo(42L);
    assertThat(problem.errorId()).isNull();
  }

  @Test
  void aFullConnectionPoolIsA503ToRetryNotAFault() {
    // As it reaches the API from the payment service: only the message of Vert.x's exception crosses the bus.
    Problem overBus = ProblemHandler.classify(new io.vertx.serviceproxy.ServiceException(-1,
        "Connection pool reached max wait queue size of 256"), 500);
    Problem here = ProblemHandler.classify(
        new io.vertx.core.http.ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 256"), 500);

    for (Problem problem : java.util.List.of(overBus, here)) {
      assertThat(problem.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
      assertThat(problem.retryAfterSeconds()).isEqualTo(1L);
      assertThat(problem.errorId()).as("not logged as a fault").isNull();
    }
  }

  @Test
  void everyErrorCodeHasItsOwnBusCode() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorCode.fromBusCode(code.busCode())).contains(code);
    }
  }
}
