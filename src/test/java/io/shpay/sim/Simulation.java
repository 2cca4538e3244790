package io.shpay.sim;

import io.shpay.local.EmbeddedKafka;
import io.shpay.local.EmbeddedRedis;
import io.shpay.testing.EventTap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One seeded run: set up people, run the workload while the seed's faults are injected, heal the faults,
 * reconcile by moving SH Pay's clock and triggering its settlers, then check the {@link Invariants}.
 * Everything waits on conditions with a bound; nothing sleeps.
 */
final class Simulation {

  /** The result of a run: what it found, and what to print so it can be replayed. */
  record Outcome(long seed, FaultPlan plan, List<String> violations, String trace, long millis) {
    String report() {
      return "Seed " + seed + " (replay: ./mvnw -B test -Dtest=MoneyCoreSimulationTest -Dsim.seed=" + seed + ")\n"
          + "Faults: " + plan + "\n"
          + "Violations (" + violations.size() + "):\n  " + String.join("\n  ", violations) + "\n"
          + "Trace:\n" + trace;
    }
  }

  static final int MERCHANTS = 2;
  static final int USERS_PER_RAIL = 2;
  static final int OPS_PER_USER = 8;
  static final int FAULTS = 6;
  /** How far reconciliation moves SH Pay's clock between rounds: past the first lookup, NH's 10 minutes, then days. */
  private static final List<Duration> SAME_DAY_STEPS = List.of(Duration.ofMinutes(2), Duration.ofMinutes(11),
      Duration.ofHours(1), Duration.ofHours(6));
  /** Then daily, past the last lookup; keys are replayed before these, within their 24 h retention. */
  private static final List<Duration> LATER_STEPS = List.of(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1),
      Duration.ofDays(1));
  private static final long WORKLOAD_SECONDS = 300;
  private static final long POLL_MS = 100;
  private static final int DRAIN_POLLS = 300;

  private final Vertx vertx;
  private final EmbeddedKafka kafka;
  private final EmbeddedRedis redis;

  Simulation(Vertx vertx, EmbeddedKafka kafka, EmbeddedRedis redis) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.redis = redis;
  }

  Outcome run(long seed) throws Exception {
    long started = System.nanoTime();
    Trace trace = new Trace();
    SimStack stack = new SimStack(vertx, kafka, redis, seed, trace);
    FaultPlan plan = null;
    List<String> violations = new ArrayList<>();
    EventTap tap = null;
    SimClient client = null;
    try {
      await(stack.start(), 120);
      tap = await(EventTap.start(vertx, kafka.bootstrapServers(), stack.topic), 30);
      client = new SimClient(vertx, stack);
      Population population = await(new Population(client, stack).create(MERCHANTS, USERS_PER_RAIL), 120);
      trace.add("people: " + population.users.stream().map(u -> u.name() + " " + u.rail() + " " + u.accountIds().size()
          + " account(s)").toList() + ", merchants " + population.merchants.stream().map(Population.Merchant::name).toList());
      BankBalances before = BankBalances.of(stack.nh(), stack.kftc());
      // Setting people up moved money already (NH's 1-won proofs of FinAccounts): only what follows counts.
      int nhMovesBefore = stack.nh().bank().movements().size();
      int kftcMovesBefore = stack.kftc().bank().movements().size();

      plan = FaultPlan.of(seed, Workload.operations(population.users.size(), OPS_PER_USER), FAULTS);
      trace.add("fault plan: " + plan);
      SimFaults faults = new SimFaults(vertx, stack, plan, seed);
      Workload workload = new Workload(client, population, faults, trace, seed, OPS_PER_USER);
      awaitWorkload(seed, workload, trace);
      trace.add("workload done");
      await(faults.heal(), 120);

      Pool inspector = stack.inspector();
      try {
        reconcile(stack, inspector, SAME_DAY_STEPS);
        java.util.Map<String, String> fresh = new java.util.HashMap<>();
        for (Population.User user : population.users) {
          fresh.put(user.accessToken(), await(population.login(user.email()), 30));
        }
        KeyReplays replays = await(KeyReplays.replay(client, workload.keyed(), fresh, trace), 120);
        List<String> untruthful = replays.check(await(MoneyRecords.read(inspector), 30));
        reconcile(stack, inspector, LATER_STEPS);
        EventTap events = tap;
        await(until(() -> MoneyRecords.unsentCount(inspector).compose(unsent -> unsent > 0
            ? Future.succeededFuture(false)
            : MoneyRecords.eventIds(inspector).map(ids -> received(events).containsAll(ids)))), 60);
        BankBalances after = BankBalances.of(stack.nh(), stack.kftc());
        MoneyRecords records = await(MoneyRecords.read(inspector), 30);
        trace.add("checked " + records.payments().size() + " payments, " + records.refunds().size() + " refunds, "
            + records.transfers().size() + " transfers, " + records.outbox().size() + " events");
        violations.addAll(untruthful);
        List<io.shpay.sandbox.nh.NhBankView.Movement> nhMoves = stack.nh().bank().movements();
        List<io.shpay.sandbox.kftc.KftcBankView.Movement> kftcMoves = stack.kftc().bank().movements();
        violations.addAll(0, new Invariants(before, after, nhMoves.subList(nhMovesBefore, nhMoves.size()),
            kftcMoves.subList(kftcMovesBefore, kftcMoves.size()), records, tap.all()).check());
      } finally {
        inspector.close();
      }
    } finally {
      if (client != null) {
        client.close();
      }
      if (tap != null) {
        await(tap.close().otherwiseEmpty(), 30);
      }
      await(stack.stop().otherwiseEmpty(), 60);
    }
    return new Outcome(seed, plan, violations, trace.text(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /**
   * Moves SH Pay's clock step by step and asks the serving process to settle unknown transfers and look
   * up due payments and refunds, until nothing is open or the steps run out (past the last lookup).
   */
  private void reconcile(SimStack stack, Pool inspector, List<Duration> steps) throws Exception {
    for (Duration step : steps) {
      int open = await(MoneyRecords.openCount(inspector), 30);
      if (open == 0) {
        return;
      }
      stack.clock.advance(step);
      ShpayNode node = await(stack.serving(), 60);
      int transfers = await(node.settleTransfers().otherwise(-1), 60);
      int payments = await(node.reconcilePayments().otherwise(-1), 60);
      int moves = await(node.advanceMoves().otherwise(-1), 60);
      stack.trace.add("reconcile after +" + step + ": " + open + " open before; settled " + transfers + " transfer(s), "
          + payments + " payment(s)/refund(s), finished " + moves + " move(s)");
    }
  }

  private static Set<String> received(EventTap tap) {
    Set<String> ids = new HashSet<>();
    tap.all().forEach(event -> ids.add(event.id()));
    return ids;
  }

  private Future<Void> until(Supplier<Future<Boolean>> condition) {
    return poll(condition, DRAIN_POLLS);
  }

  private Future<Void> poll(Supplier<Future<Boolean>> condition, int left) {
    return condition.get().otherwise(false).compose(done -> {
      if (done || left == 0) {
        // Not draining in time is not a failure here: the invariants report every event that is missing.
        return Future.succeededFuture();
      }
      return vertx.timer(POLL_MS).compose(tick -> poll(condition, left - 1));
    });
  }

  /**
   * Every client call is bounded (SimClient's timeout), so a workload that does not end in time is SH Pay
   * failing to answer: a liveness failure, reported with what is still running and the trace, not a bare timeout.
   */
  private static void awaitWorkload(long seed, Workload workload, Trace trace) throws Exception {
    try {
      await(workload.run(), WORKLOAD_SECONDS);
    } catch (java.util.concurrent.TimeoutException stuck) {
      throw new AssertionError("Seed " + seed + ": the workload did not finish within " + WORKLOAD_SECONDS
          + " s. Still running:\n  " + String.join("\n  ", workload.stillRunning()) + "\nTrace:\n" + trace.text(), stuck);
    }
  }

  static <T> T await(Future<T> future, long seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }
}
