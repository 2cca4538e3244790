package io.shpay.contract;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.client.ApiClient;
import io.shpay.client.api.AuthApi;
import io.shpay.client.api.PaymentsApi;
import io.shpay.client.model.CheckoutRequest;
import io.shpay.client.model.CreateMerchantRequest;
import io.shpay.client.model.CreatedMerchant;
import io.shpay.client.model.LoginRequest;
import io.shpay.client.model.PayCheckoutRequest;
import io.shpay.client.model.Payment;
import io.shpay.client.model.PaymentStatus;
import io.shpay.client.model.Refund;
import io.shpay.client.model.RefundRequest;
import io.shpay.testing.BankingStack;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Java client generated from {@code shpay-v1.yaml} at build time (openapi-generator, {@code native} library) runs
 * the payment flow against a real SH Pay: an admin registers a merchant, the merchant opens a checkout, a user pays it
 * from a verified FinAccount, the merchant reads the payment and refunds part of it. A contract that a generator reads
 * differently from SH Pay's answers fails here.
 */
class GeneratedClientTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @Test
  void theGeneratedClientRunsThePaymentFlowEndToEnd() throws Exception {
    String adminToken = new AuthApi(client(null, null))
        .login(new LoginRequest().email(BankingStack.ADMIN_EMAIL).password(BankingStack.ADMIN_PASSWORD))
        .getAccessToken();
    CreatedMerchant merchant = new PaymentsApi(client("Authorization", "Bearer " + adminToken))
        .createMerchant(new CreateMerchantRequest().name("Corner Bakery"));
    PaymentsApi asMerchant = new PaymentsApi(client("X-Api-Key", merchant.getApiKey()));

    String checkoutId = asMerchant.createCheckout(new CheckoutRequest()
        .orderId("order-" + UUID.randomUUID()).amount(12_000).itemName("Sourdough loaf")).getId();
    // The 1-won proof of the FinAccount goes through the NH sandbox's passbook, which the harness reads.
    JsonObject payer = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    PaymentsApi asUser = new PaymentsApi(client("Authorization", "Bearer " + payer.getString("accessToken")));

    Payment paid = asUser.payCheckout(checkoutId, UUID.randomUUID().toString(),
        new PayCheckoutRequest().accountId(payer.getString("finAccountId")));
    assertThat(paid.getStatus()).isEqualTo(PaymentStatus.APPROVED);
    assertThat(paid.getAmount()).isEqualTo(12_000);

    Payment seen = asMerchant.getPayment(paid.getId());
    assertThat(seen.getCheckoutId()).isEqualTo(checkoutId);
    assertThat(seen.getMerchantId()).isEqualTo(merchant.getId());

    Refund refund = asMerchant.refundPayment(paid.getId(), UUID.randomUUID().toString(),
        new RefundRequest().amount(5_000).reason("One loaf returned"));
    assertThat(refund.getStatus()).isEqualTo(PaymentStatus.APPROVED);
    assertThat(asMerchant.getPayment(paid.getId()).getRefundedAmount()).isEqualTo(5_000);
  }

  private static ApiClient client(String header, String value) {
    ApiClient client = new ApiClient();
    client.setHost("127.0.0.1");
    client.setPort(STACK.app().port());
    if (header != null) {
      client.setRequestInterceptor(request -> request.header(header, value));
    }
    return client;
  }
}
