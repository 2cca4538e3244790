package io.shpay.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The run's users and merchants, made once through the real API and shared by the scenarios: each user signed up,
 * logged in and holding an NH FinAccount proven by its 1-won deposit; each merchant created by the admin with its API
 * key. Payments spread over all of them, so no single user's or merchant's rows become a hot spot the real load
 * would not have.
 */
record Population(List<PaidCheckouts.Payer> payers, List<String> apiKeys) {

  /** Sign-ups this many at a time: password hashing is the cost, and both cores can share it. */
  private static final int SIGN_UPS_AT_ONCE = 12;

  static Population create(BenchContext ctx, int users, int merchants) {
    long started = System.nanoTime();
    List<String> apiKeys = new ArrayList<>();
    for (int i = 0; i < merchants; i++) {
      apiKeys.add(BenchContext.await(ctx.newMerchant()).getString("apiKey"));
    }
    // User i pays from seeded NH account i mod 3 and is named after its holder. Proofs run in parallel across the
    // accounts and one at a time per account (each reads the newest deposit into its account).
    List<BenchContext.NhAccount> accounts = BenchContext.NH_ACCOUNTS;
    List<PaidCheckouts.Payer> payers = new ArrayList<>();
    while (payers.size() < users) {
      List<Future<PaidCheckouts.Payer>> batch = new ArrayList<>();
      for (int i = 0; i < Math.min(SIGN_UPS_AT_ONCE, users - payers.size()); i++) {
        BenchContext.NhAccount account = accounts.get((payers.size() + i) % accounts.size());
        batch.add(ctx.newUser(account.holder()).compose(token -> ctx.finAccount(token, account)
            .map(id -> new PaidCheckouts.Payer(token, id))));
      }
      BenchContext.await(Future.all(batch));
      batch.forEach(f -> payers.add(f.result()));
      if (payers.size() % 200 < SIGN_UPS_AT_ONCE) {
        System.out.println("bench:   " + payers.size() + " of " + users + " users with a verified FinAccount");
      }
    }
    System.out.printf("bench:   %d users and %d merchants ready in %.0f s%n", users, merchants,
        (System.nanoTime() - started) / 1e9);
    return new Population(List.copyOf(payers), List.copyOf(apiKeys));
  }

  PaidCheckouts.Payer payer(long index) {
    return payers.get((int) (index % payers.size()));
  }

  /** A different merchant for consecutive payments of one user. */
  String apiKey(long index) {
    return apiKeys.get((int) ((index / payers.size() + index) % apiKeys.size()));
  }

  JsonObject toJson() {
    return new JsonObject().put("users", payers.size()).put("merchants", apiKeys.size());
  }
}
