package io.shpay.sim;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated clients: every user runs {@code opsPerUser} operations one after another, all users at
 * once. An operation pays a new checkout of a merchant (sometimes twice at once), refunds part of a
 * payment the user made (as that merchant), or moves money with a user transfer route. Clients retry as
 * real ones do: with the same Idempotency-Key when there was no answer, a 5xx or a 409, and sometimes,
 * after that, with a new key. Each user draws from its own {@code Random}, seeded from the run's seed.
 */
final class Workload {

  private static final int SAME_KEY_RETRIES = 2;

  private final SimClient client;
  private final Population population;
  private final SimFaults faults;
  private final Trace trace;
  private final long seed;
  private final int opsPerUser;
  private final AtomicInteger ops = new AtomicInteger();
  /** Payments any client heard of, with their merchant: what merchants may refund. */
  private final List<Paid> paid = new CopyOnWriteArrayList<>();

  private record Paid(String paymentId, Population.Merchant merchant, long amount) {
  }

  /** A request that moves money, as sent with its Idempotency-Key: what a client may replay at any time. */
  record Keyed(String what, String path, String bearer, String apiKey, String key, JsonObject body) {
  }

  private final List<Keyed> keyed = new CopyOnWriteArrayList<>();
  /** The operations begun and not yet ended, with when each began: what a run that does not finish names. */
  private final Map<Integer, InFlight> running = new ConcurrentSkipListMap<>();

  private record InFlight(String who, long startedNanos) {
  }

  /** Every money-moving request the clients sent, one per Idempotency-Key. */
  List<Keyed> keyed() {
    return List.copyOf(keyed);
  }

  Workload(SimClient client, Population population, SimFaults faults, Trace trace, long seed, int opsPerUser) {
    this.client = client;
    this.population = population;
    this.faults = faults;
    this.trace = trace;
    this.seed = seed;
    this.opsPerUser = opsPerUser;
  }

  /** The operations still running, oldest first, each with how long it has run: what a stuck run is waiting on. */
  List<String> stillRunning() {
    long now = System.nanoTime();
    return running.entrySet().stream().map(op -> "op " + op.getKey() + " of " + op.getValue().who() + " (for "
        + (now - op.getValue().startedNanos()) / 1_000_000 + " ms)").toList();
  }

  /** Total operations the run makes (faults are planned against this). */
  static int operations(int users, int opsPerUser) {
    return users * opsPerUser;
  }

  Future<Void> run() {
    List<Future<Void>> users = new ArrayList<>();
    for (int i = 0; i < population.users.size(); i++) {
      users.add(user(population.users.get(i), new Random(seed * 1_000_003L + i), 0));
    }
    return Future.join(users).mapEmpty();
  }

  private Future<Void> user(Population.User user, Random random, int done) {
    if (done == opsPerUser) {
      return Future.succeededFuture();
    }
    int op = ops.incrementAndGet();
    running.put(op, new InFlight(user.name(), System.nanoTime()));
    faults.tick(op);
    int dice = random.nextInt(100);
    Future<Void> operation;
    if (dice < 15 && !paid.isEmpty()) {
      operation = refund(op, user, random);
    } else if (dice < 25 && "KFTC".equals(user.rail())) {
      operation = userTransfer(op, user, random);
    } else {
      operation = pay(op, user, random, dice >= 85);
    }
    return operation.otherwise(failure -> {
      trace.add("op " + op + " " + user.name() + " gave up: " + failure);
      return null;
    }).compose(next -> {
      running.remove(op);
      return user(user, random, done + 1);
    });
  }

  private Future<Void> pay(int op, Population.User user, Random random, boolean twiceAtOnce) {
    Population.Merchant merchant = population.merchants.get(random.nextInt(population.merchants.size()));
    long amount = 100L * (10 + random.nextInt(290));
    String accountId = user.accountIds().get(random.nextInt(user.accountIds().size()));
    String key = key(random);
    String otherKey = key(random);
    boolean newKeyAfterwards = random.nextBoolean();
    return checkout(merchant, amount, 3).compose(checkoutId -> {
      String what = "op " + op + " " + user.name() + " pays checkout " + shortId(checkoutId) + " (" + amount + " won, "
          + merchant.name() + ")";
      Future<Void> first = payWithRetries(what, user, merchant, checkoutId, accountId, key, amount, newKeyAfterwards, random);
      if (!twiceAtOnce) {
        return first;
      }
      Future<Void> second = payWithRetries(what + " again at once", user, merchant, checkoutId, accountId, otherKey,
          amount, false, random);
      return Future.join(first, second).mapEmpty();
    });
  }

  private Future<Void> payWithRetries(String what, Population.User user, Population.Merchant merchant, String checkoutId,
      String accountId, String key, long amount, boolean newKeyAfterwards, Random random) {
    keyed.add(new Keyed(what, "/api/v1/checkouts/" + checkoutId + "/pay", user.accessToken(), null, key,
        new JsonObject().put("accountId", accountId)));
    return attempt(what, key, 0, () -> client.send(HttpMethod.POST, "/api/v1/checkouts/" + checkoutId + "/pay",
        user.accessToken(), null, key, new JsonObject().put("accountId", accountId)), response -> {
          JsonObject body = json(response);
          if (response.statusCode() == 200 && body.getString("id") != null) {
            paid.add(new Paid(body.getString("id"), merchant, amount));
          }
        }).compose(answer -> {
          if (answer.settled() || !newKeyAfterwards) {
            return Future.succeededFuture();
          }
          String fresh = key(random);
          keyed.add(new Keyed(what + " with a new key", "/api/v1/checkouts/" + checkoutId + "/pay", user.accessToken(),
              null, fresh, new JsonObject().put("accountId", accountId)));
          return attempt(what + " with a new key", fresh, SAME_KEY_RETRIES, () -> client.send(HttpMethod.POST,
              "/api/v1/checkouts/" + checkoutId + "/pay", user.accessToken(), null, fresh,
              new JsonObject().put("accountId", accountId)), response -> {
                JsonObject body = json(response);
                if (response.statusCode() == 200 && body.getString("id") != null) {
                  paid.add(new Paid(body.getString("id"), merchant, amount));
                }
              }).mapEmpty();
        });
  }

  private Future<Void> refund(int op, Population.User user, Random random) {
    Paid payment = paid.get(random.nextInt(paid.size()));
    // Mostly a part; sometimes more than can be left, which SH Pay must refuse.
    long amount = random.nextInt(10) == 0 ? payment.amount() + 100 : Math.max(100, payment.amount() / (2 + random.nextInt(3)));
    String key = key(random);
    boolean newKeyAfterwards = random.nextInt(3) == 0;
    String what = "op " + op + " " + payment.merchant().name() + " refunds " + amount + " won of payment "
        + shortId(payment.paymentId());
    JsonObject body = new JsonObject().put("amount", amount).put("reason", "simulated return");
    String path = "/api/v1/payments/" + payment.paymentId() + "/refunds";
    keyed.add(new Keyed(what, path, null, payment.merchant().apiKey(), key, body));
    return attempt(what, key, 0, () -> client.send(HttpMethod.POST, path, null, payment.merchant().apiKey(), key, body),
        response -> { })
        .compose(answer -> {
          if (answer.settled() || !newKeyAfterwards) {
            return Future.succeededFuture();
          }
          String fresh = key(random);
          keyed.add(new Keyed(what + " with a new key", path, null, payment.merchant().apiKey(), fresh, body));
          return attempt(what + " with a new key", fresh, SAME_KEY_RETRIES,
              () -> client.send(HttpMethod.POST, path, null, payment.merchant().apiKey(), fresh, body), response -> { })
              .mapEmpty();
        });
  }

  /**
   * What a user's app offers for moving money: a move between two of the user's own linked accounts
   * ({@code POST /api/v1/transfers}), or the standalone deposit into a linked account that older
   * versions offered. A route a version does not have answers 404, which is harmless.
   */
  private Future<Void> userTransfer(int op, Population.User user, Random random) {
    if (user.accountIds().size() > 1 && random.nextInt(3) > 0) {
      return move(op, user, random);
    }
    String accountId = user.accountIds().get(random.nextInt(user.accountIds().size()));
    long amount = 100L * (10 + random.nextInt(90));
    String key = key(random);
    String what = "op " + op + " " + user.name() + " deposits " + amount + " won into " + shortId(accountId);
    JsonObject body = new JsonObject().put("accountId", accountId).put("amount", amount);
    keyed.add(new Keyed(what, "/api/v1/transfers/deposit", user.accessToken(), null, key, body));
    return attempt(what, key, 0, () -> client.send(HttpMethod.POST, "/api/v1/transfers/deposit", user.accessToken(),
        null, key, body), response -> { }).mapEmpty();
  }

  private Future<Void> move(int op, Population.User user, Random random) {
    List<String> accounts = new ArrayList<>(user.accountIds());
    String from = accounts.remove(random.nextInt(accounts.size()));
    String to = accounts.get(random.nextInt(accounts.size()));
    long amount = 100L * (10 + random.nextInt(90));
    String key = key(random);
    String what = "op " + op + " " + user.name() + " moves " + amount + " won from " + shortId(from) + " to " + shortId(to);
    JsonObject body = new JsonObject().put("fromAccountId", from).put("toAccountId", to).put("amount", amount);
    keyed.add(new Keyed(what, "/api/v1/transfers", user.accessToken(), null, key, body));
    return attempt(what, key, 0, () -> client.send(HttpMethod.POST, "/api/v1/transfers", user.accessToken(), null, key,
        body), response -> { }).mapEmpty();
  }

  private Future<String> checkout(Population.Merchant merchant, long amount, int triesLeft) {
    return client.send(HttpMethod.POST, "/api/v1/checkouts", null, merchant.apiKey(), null,
            new JsonObject().put("orderId", "order-" + UUID.randomUUID()).put("amount", amount).put("itemName", "Coffee beans 1kg"))
        .transform(answer -> {
          if (answer.succeeded() && answer.result().statusCode() == 201) {
            return Future.succeededFuture(answer.result().bodyAsJsonObject().getString("id"));
          }
          if (triesLeft <= 1) {
            return Future.failedFuture(new IllegalStateException("no checkout: " + describe(answer.result(), answer.cause())));
          }
          return checkout(merchant, amount, triesLeft - 1);
        });
  }

  /** How one attempt ended, for the retry decision. */
  private record Answer(int status, String outcome) {
    /** SH Pay gave a final answer: nothing to retry. */
    boolean settled() {
      return status != 0 && status < 500 && status != 409 && !"UNKNOWN".equals(outcome) && !"PROCESSING".equals(outcome);
    }
  }

  private Future<Answer> attempt(String what, String key, int retry,
      java.util.function.Supplier<Future<HttpResponse<Buffer>>> call, java.util.function.Consumer<HttpResponse<Buffer>> seen) {
    return call.get().transform(result -> {
      HttpResponse<Buffer> response = result.succeeded() ? result.result() : null;
      if (response != null) {
        seen.accept(response);
      }
      JsonObject body = response == null ? new JsonObject() : json(response);
      Answer answer = new Answer(response == null ? 0 : response.statusCode(), outcome(body));
      trace.add(what + " key " + shortId(key) + (retry > 0 ? " (retry " + retry + ")" : "") + " -> "
          + describe(response, result.cause()));
      if (answer.settled() || retry >= SAME_KEY_RETRIES) {
        return Future.succeededFuture(answer);
      }
      return attempt(what, key, retry + 1, call, seen);
    });
  }

  private static String describe(HttpResponse<Buffer> response, Throwable failure) {
    if (response == null) {
      return "no answer (" + (failure == null ? "?" : failure.getClass().getSimpleName() + ": " + failure.getMessage()) + ")";
    }
    JsonObject body = json(response);
    String id = body.getString("id");
    return response.statusCode() + " " + outcome(body)
        + (id == null ? "" : " " + shortId(id)) + (response.getHeader("Idempotent-Replayed") != null ? " (replayed)" : "");
  }

  /** A money row's status, or a problem's code. */
  static String outcome(JsonObject body) {
    return body.getValue("status") instanceof String status ? status : body.getString("code", "");
  }

  static JsonObject json(HttpResponse<Buffer> response) {
    try {
      JsonObject body = response.bodyAsJsonObject();
      return body == null ? new JsonObject() : body;
    } catch (RuntimeException notJson) {
      return new JsonObject();
    }
  }

  private static String key(Random random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  static String shortId(String id) {
    return id == null ? "-" : id.length() > 8 ? id.substring(0, 8) : id;
  }
}
