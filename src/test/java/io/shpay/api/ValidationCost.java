package io.shpay.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;

/**
 * What the contract's validation of the two hot requests costs, in CPU nanoseconds per request on one thread: the
 * contract built as the service builds it, each request through {@link InlineRequestValidation#validateNow}, the path
 * the router takes. A measurement, not a test (it asserts nothing): run it by hand, see BENCHMARKS.
 *
 * <pre>./mvnw -o -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.shpay.api.ValidationCost [iterations]</pre>
 */
public final class ValidationCost {

  private ValidationCost() {
  }

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Vertx vertx = Vertx.vertx();
    try {
      ApiContract contract = ApiContract.load(vertx).toCompletionStage().toCompletableFuture().get();
      InlineRequestValidation validation = new InlineRequestValidation(vertx, contract.contract());
      Operation pay = contract.contract().operation("payCheckout");
      Operation checkout = contract.contract().operation("createCheckout");
      ValidatableRequest[] pays = new ValidatableRequest[64];
      ValidatableRequest[] checkouts = new ValidatableRequest[64];
      for (int i = 0; i < pays.length; i++) {
        pays[i] = payRequest(i);
        checkouts[i] = checkoutRequest(i);
      }
      for (int round = 0; round < 3; round++) {
        // The first rounds are the JIT's warm-up; the last is the number to read.
        long payNs = cpuNanosPer(iterations, i -> validation.validateNow(pays[i & 63], pay));
        long checkoutNs = cpuNanosPer(iterations, i -> validation.validateNow(checkouts[i & 63], checkout));
        var checkoutId = pay.getParameters().stream().filter(p -> p.getName().equals("checkoutId")).findFirst().get();
        var key = pay.getParameters().stream().filter(p -> p.getName().equals("Idempotency-Key")).findFirst().get();
        long idNs = cpuNanosPer(iterations, i -> validation.validateParameter(checkoutId,
            pays[i & 63].getPathParameters().get("checkoutId")));
        long keyNs = cpuNanosPer(iterations, i -> validation.validateParameter(key,
            pays[i & 63].getHeaders().get("Idempotency-Key")));
        long payBodyNs = cpuNanosPer(iterations, i -> validation.validateBody(pay.getRequestBody(), pays[i & 63]));
        System.out.printf("round %d: payCheckout %,d ns/validation (path id %,d, Idempotency-Key %,d, body %,d), "
            + "createCheckout %,d ns/validation (%,d each)%n", round, payNs, idNs, keyNs, payBodyNs, checkoutNs,
            iterations);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** A pay as the app sends it: the checkout's id in the path, an idempotency key, the paying account. */
  static ValidatableRequest payRequest(int i) {
    Buffer body = new JsonObject().put("accountId", UUID.randomUUID().toString()).toBuffer();
    return new ValidatableRequestImpl(Map.of(), Map.of("Idempotency-Key", value("pay-order-" + i + "-" + UUID.randomUUID())),
        Map.of("checkoutId", value(UUID.randomUUID().toString())), Map.of(), new RequestParameterImpl(body),
        "application/json");
  }

  /** A merchant's checkout for an order. */
  static ValidatableRequest checkoutRequest(int i) {
    Buffer body = new JsonObject().put("orderId", "order-20261121-" + i).put("amount", 12_000 + i)
        .put("itemName", "Sourdough loaf").toBuffer();
    return new ValidatableRequestImpl(Map.of(), Map.of(), Map.of(), Map.of(), new RequestParameterImpl(body),
        "application/json");
  }

  private static RequestParameter value(String text) {
    return new RequestParameterImpl(text);
  }

  private static long cpuNanosPer(int iterations, java.util.function.IntConsumer validate) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < iterations; i++) {
      validate.accept(i);
    }
    return (threads.getCurrentThreadCpuTime() - start) / iterations;
  }
}
