package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.payment.PaymentService;
import io.shpay.payment.RefundRecord;
import io.shpay.user.UserRole;
import io.shpay.user.UserService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Payments for partner platforms: merchants (by an admin), NH FinAccounts (by users), checkouts
 * and refunds (by merchants with {@code X-Api-Key}), paying a checkout (by its user). Requests that
 * move money need an {@code Idempotency-Key}.
 */
final class PaymentEndpoints {

  private final PaymentService payments;
  private final UserService people;
  private final Authentication users;
  private final MerchantAuthentication merchants;
  private final Idempotency idempotency;
  private final long maxAmount;

  PaymentEndpoints(PaymentService payments, UserService people, Authentication users, MerchantAuthentication merchants,
      Idempotency idempotency, long maxAmount) {
    this.payments = payments;
    this.people = people;
    this.users = users;
    this.merchants = merchants;
    this.idempotency = idempotency;
    this.maxAmount = maxAmount;
  }

  void mount(ApiOperations operations) {
    operations.on("createMerchant").requireRole(UserRole.ADMIN).respond(this::createMerchant);
    operations.on("revokeMerchantKey").requireRole(UserRole.ADMIN)
        .respond(ctx -> payments.revokeMerchantKey(id(ctx, "merchantId", "merchant")).map(revoked -> {
          ctx.response().setStatusCode(204);
          return null;
        }));

    operations.on("registerFinAccount").respond(this::issueFinAccount);
    operations.on("listFinAccounts").respond(ctx -> payments.finAccounts(Caller.of(ctx).userId())
        .map(FinAccountJson::finAccounts));
    operations.on("verifyFinAccount").respond(this::verifyFinAccount);

    operations.on("createCheckout").respond(this::createCheckout);
    operations.on("getCheckout")
        .respond(ctx -> payments.checkout(id(ctx, "checkoutId", "checkout")).map(PaymentJson::checkout));
    operations.on("payCheckout").handler(this::pay);

    operations.on("getPayment")
        .respond(ctx -> payments.payment(MerchantAuthentication.merchantId(ctx), id(ctx, "paymentId", "payment"))
            .map(PaymentJson::payment));
    operations.on("refundPayment").handler(this::refund);
  }


  private Future<JsonObject> createMerchant(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("name"));
    String name = body.requiredString("name", 1, 100);
    body.validate();
    return payments.createMerchant(name).map(created -> {
      ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store");
      return PaymentJson.merchant(created);
    });
  }

  private Future<JsonObject> issueFinAccount(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("bankCode", "accountNumber", "birthDate"));
    String bankCode = body.requiredString("bankCode", 3, 3);
    String accountNumber = body.requiredString("accountNumber", 6, 20);
    String birthDate = body.requiredString("birthDate", 8, 10);
    if (bankCode != null && !bankCode.matches("\\d{3}")) {
      body.reject("bankCode", "must be a 3-digit bank code such as 011");
    }
    if (accountNumber != null && !accountNumber.matches("\\d+")) {
      body.reject("accountNumber", "must be digits only");
    }
    String birth = birthDate == null ? null : birthDate.replace("-", "");
    if (birth != null && !isDate(birth)) {
      body.reject("birthDate", "must be a date like 1990-01-31");
    }
    body.validate();
    String userId = Caller.of(ctx).userId();
    return people.find(userId)
        .compose(user -> payments.issueFinAccount(userId, user.name(), bankCode, accountNumber, birth))
        .map(created -> {
          ctx.response().setStatusCode(201);
          return FinAccountJson.finAccount(created);
        });
  }

  private Future<JsonObject> verifyFinAccount(RoutingContext ctx) {
    String finAccountId = id(ctx, "finAccountId", "FinAccount");
    var body = Requests.json(ctx, Set.of("code"));
    String code = body.requiredString("code", 1, 16);
    if (code != null && !code.matches("\\d{4}")) {
      body.reject("code", "must be the 4 digits after SHPAY in the 1-won deposit's passbook text");
    }
    body.validate();
    return payments.verifyFinAccount(Caller.of(ctx).userId(), finAccountId, code).map(FinAccountJson::finAccount);
  }

  private Future<JsonObject> createCheckout(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("orderId", "amount", "itemName"));
    String orderId = body.requiredString("orderId", 1, 64);
    Long amount = body.requiredAmount("amount", maxAmount);
    String itemName = body.requiredString("itemName", 1, 100);
    body.validate();
    return payments.createCheckout(MerchantAuthentication.merchantId(ctx), orderId, amount, itemName).map(created -> {
      ctx.response().setStatusCode(201);
      return PaymentJson.checkout(created);
    });
  }

  private void pay(RoutingContext ctx) {
    String userId = Caller.of(ctx).userId();
    String checkoutId;
    String accountId;
    try {
      checkoutId = id(ctx, "checkoutId", "checkout");
      var body = Requests.json(ctx, Set.of("accountId"));
      accountId = body.requiredId("accountId");
      body.validate();
    } catch (RuntimeException invalid) {
      ctx.fail(invalid);
      return;
    }
    // The payment row is the key's record (no statement of its own): a retry is answered by the payment once the
    // bank's answer is in, told 409 before.
    idempotency.runPay(ctx, userId,
            claim -> payments.payHoldingKey(userId, checkoutId, accountId, claim).map(PaymentEndpoints::paid),
            key -> payments.pay(userId, checkoutId, accountId, key).map(PaymentEndpoints::paid),
            key -> payments.paymentOfKey(userId, key), PaymentEndpoints::paid)
        .onFailure(ctx::fail);
  }

  private void refund(RoutingContext ctx) {
    String merchantId = MerchantAuthentication.merchantId(ctx);
    String paymentId;
    long amount;
    String reason;
    try {
      paymentId = id(ctx, "paymentId", "payment");
      var body = Requests.json(ctx, Set.of("amount", "reason"));
      Long requested = body.requiredAmount("amount", maxAmount);
      reason = body.optionalString("reason", 1, 200);
      body.validate();
      amount = requested;
    } catch (RuntimeException invalid) {
      ctx.fail(invalid);
      return;
    }
    idempotency.run(ctx, "merchant:" + merchantId, key -> payments.refund(merchantId, paymentId, amount, reason, key)
            .map(PaymentEndpoints::refundAnswer))
        .onFailure(ctx::fail);
  }

  private static ApiResponse paid(io.shpay.payment.PaymentRecord payment) {
    return ApiResponse.json(200, PaymentJson.payment(payment));
  }

  private static ApiResponse refundAnswer(RefundRecord refund) {
    return switch (refund.status()) {
      case APPROVED -> ApiResponse.json(201, PaymentJson.refund(refund));
      case FAILED -> throw Failures.of(ErrorCode.BANK_REJECTED, "Refund " + refund.id() + " failed: "
          + refund.bankMessage() + " (" + refund.bankCode() + ").");
      default -> ApiResponse.json(202, PaymentJson.refund(refund));
    };
  }

  /** The contract has checked it is an id (one that is not is the 404 of a missing {@code what}). */
  private static String id(RoutingContext ctx, String param, String what) {
    return ctx.pathParam(param);
  }

  private static boolean isDate(String yyyymmdd) {
    try {
      java.time.LocalDate.parse(yyyymmdd, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }
}
