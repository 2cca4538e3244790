package io.shpay.bench;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.List;

/**
 * (c) Cached balance reads: {@code GET /api/v1/accounts/{id}/balance} of a user's KFTC-linked accounts, answered
 * from Redis (a stale entry is refreshed behind the answer, at most once per account at a time). The accounts are
 * linked through the KFTC sandbox's consent form and read once with {@code fresh=true} first, so the measured reads
 * are the cached path. Target: p99 under 5 ms at 2,000 reads/s.
 */
final class BalanceScenario implements Scenario {

  static final String ID = "balance";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "(c) cached balance reads";
  }

  @Override
  public List<PhaseResult> run(BenchContext ctx) {
    BenchOptions options = ctx.options();
    String token = BenchContext.await(ctx.newUser());
    JsonArray linked = BenchContext.await(ctx.linkBanks(token));
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < linked.size(); i++) {
      String id = linked.getJsonObject(i).getString("id");
      BenchContext.expect(BenchContext.await(ctx.request(HttpMethod.GET, "/api/v1/accounts/" + id + "/balance?fresh=true")
          .bearerTokenAuthentication(token).send()), 200, "fresh balance");
      accounts.add(id);
    }
    if (accounts.isEmpty()) {
      throw new IllegalStateException("the KFTC sandbox linked no accounts");
    }
    Operation read = index -> ctx.request(HttpMethod.GET,
            "/api/v1/accounts/" + accounts.get((int) (index % accounts.size())) + "/balance")
        .bearerTokenAuthentication(token).send()
        .map(response -> BenchContext.expect(response, 200, "balance"));
    ctx.warmUp(ID, Phase.openLoop("warm-up", options.balanceRate(), options.maxInFlight(), options.warmup()), read);
    return List.of(ctx.measure(ID, Phase.openLoop("fixed rate", options.balanceRate(), options.maxInFlight(),
        options.duration()), read).withExtra(new io.vertx.core.json.JsonObject().put("accounts", accounts.size())));
  }
}
