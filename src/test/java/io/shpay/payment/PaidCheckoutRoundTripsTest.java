package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.Eventually;
import io.shpay.testing.MysqlCommandTap;
import io.shpay.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * What one paid checkout costs MySQL: SH Pay reaches MySQL through a tap that records every command (one command is one
 * round trip) and every commit. The counts are the ceilings the hot path was cut to; a change that adds a round trip or
 * a commit to a paid checkout fails here and says which statements it sent.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class PaidCheckoutRoundTripsTest {

  private static final Logger LOG = LoggerFactory.getLogger(PaidCheckoutRoundTripsTest.class);
  private static final int CHECKOUTS = 10;
  /**
   * The pay's round trips: the recording (3: checkout marked PROCESSING if OPEN and the key has no record, payment
   * inserted with the key and the request's fingerprint, commit; the payment is the key's only record: was 7) and the
   * settling (3: payment and checkout settled by one statement if the payment is still REQUESTED, event, commit; the
   * payment's status is the key's answer: was 8) transactions, each
   * begun by its first statement (no {@code BEGIN}: was 13), neither
   * reading the row it changes first (a checkout this process created, a payment it recorded: was 10), the
   * FinAccount's ownership checked by the statement that marks the checkout (a payer seen before: was a read of its
   * own); the NH transfer id is a Redis draw. A tenth more allows for one reservation of a block of transfer ids (an
   * autocommit insert per 1,000 ids) landing within the ten runs.
   */
  private static final double PAY_ROUND_TRIPS = 6.1;
  private static final double PAY_COMMITS = 2.1;
  private static final Vertx TAP_VERTX = Vertx.vertx();
  private static final URI MYSQL = URI.create(TestServers.get().mysqlUri());
  private static final MysqlCommandTap TAP = MysqlCommandTap.startInFrontOf(TAP_VERTX, MYSQL);

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject().put("SHPAY_MYSQL_URI", TAP.uriThrough(MYSQL)),
      UnaryOperator.identity());

  @AfterAll
  static void close() throws Exception {
    TAP.close();
    await(TAP_VERTX.close());
  }

  /** A commit's worth of commands on one connection: a transaction from BEGIN to COMMIT, or one autocommit statement. */
  private record Unit(List<MysqlCommandTap.Command> commands) {
    boolean mentions(String text) {
      return commands.stream().anyMatch(command -> command.sql().contains(text));
    }

    /**
     * The outbox relay's work (after the answer, batched over payments) or a timer's poll: not the request's. So is a
     * transaction cut by the edge of the window (the request's own end before its answer).
     */
    boolean isBackground() {
      return !isWhole() || mentions("outbox_relay_turn") || mentions("outbox_events SET sent_at") || mentions("next_reconcile_at <=")
          // the relay's batch read: alone when the window cuts the round right after its BEGIN
          || mentions("FROM outbox_events WHERE sent_at IS NULL")
          // the relay's round starts with it, before its BEGIN
          || mentions("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
    }

    private boolean isWhole() {
      String last = verb(commands.get(commands.size() - 1));
      boolean ended = last.equals("COMMIT") || last.equals("ROLLBACK");
      return commands.get(0).begins() ? ended && commands.size() > 1 : !ended;
    }

    long commits() {
      return commands.stream().filter(MysqlCommandTap.Command::commit).count();
    }
  }

  /** The request's commands, per statement, and its commits, over the runs. */
  private static final class Tally {
    final Map<String, Integer> statements = new TreeMap<>();
    long commits;
    long transactions;

    void add(List<MysqlCommandTap.Command> commands) {
      for (Unit unit : units(commands)) {
        if (unit.isBackground()) {
          continue;
        }
        unit.commands().forEach(command -> statements.merge(command.sql(), 1, Integer::sum));
        commits += unit.commits();
        transactions += unit.commands().size() > 1 ? 1 : 0;
      }
    }

    double roundTrips() {
      // Once per connection, not per request: a statement's prepare, and autocommit turned off on a new connection.
      return statements.entrySet().stream()
          .filter(e -> !e.getKey().startsWith("PREPARE ") && !e.getKey().startsWith("SET autocommit"))
          .mapToInt(Map.Entry::getValue).sum() / (double) CHECKOUTS;
    }

    double commits() {
      return commits / (double) CHECKOUTS;
    }

    String describe() {
      StringBuilder text = new StringBuilder();
      statements.forEach((sql, n) -> text.append("\n  ").append(n).append(" x ").append(sql));
      return String.format("%.1f round trips, %.1f commits, %.1f transactions; statements over %d runs:%s",
          roundTrips(), commits(), transactions / (double) CHECKOUTS, CHECKOUTS, text);
    }
  }

  @Test
  void aPaidCheckoutTakesTheRoundTripsAndCommitsItNeeds() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    await(STACK.paidCheckout(merchant, user, 1_000)); // statements prepared, caches warm

    Tally checkouts = new Tally();
    Tally pays = new Tally();
    for (int i = 0; i < CHECKOUTS; i++) {
      drainOutbox();
      TAP.clear();
      String checkoutId = await(STACK.checkout(merchant, 1_000));
      checkouts.add(TAP.commands());
      TAP.clear();
      HttpResponse<Buffer> paid = await(STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
          UUID.randomUUID().toString()));
      assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(200);
      assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
      pays.add(TAP.commands());
    }
    LOG.info("per paid checkout, {} runs, the outbox relay and timers left out\nPOST /checkouts: {}\nPOST /pay: {}",
        CHECKOUTS, checkouts.describe(), pays.describe());
    // Before the cuts: 2 and 21 round trips, 1 and 5 commits (the key claimed and completed in commits of its own,
    // the payment read by key twice, the locked payment selected again, the answer's view and the new checkout
    // read back, the event's number read on its own).
    assertThat(checkouts.roundTrips()).as(checkouts.describe()).isLessThanOrEqualTo(1.0);
    assertThat(checkouts.commits()).as(checkouts.describe()).isLessThanOrEqualTo(1.0);
    assertThat(pays.roundTrips()).as(pays.describe()).isLessThanOrEqualTo(PAY_ROUND_TRIPS);
    assertThat(pays.commits()).as(pays.describe()).isLessThanOrEqualTo(PAY_COMMITS);
    // MariaDB 11.4 flushes its redo log to disk at the end of every INSERT ... SELECT, inside a transaction too.
    assertThat(pays.statements.keySet()).as(pays.describe())
        .noneMatch(sql -> sql.contains("INSERT ") && sql.contains(" SELECT "));
  }

  @Test
  void anOutboxRelayRoundIsItsTurnItsBatchItsMarkAndItsCommit() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    drainOutbox();
    TAP.clear();

    await(STACK.paidCheckout(merchant, user, 1_000));
    drainOutbox();

    List<MysqlCommandTap.Command> commands = TAP.commands();
    List<Unit> sendingRounds = units(commands).stream()
        .filter(unit -> unit.mentions("outbox_relay_turn") && unit.mentions("outbox_events SET sent_at")).toList();
    assertThat(sendingRounds).as("the round that sent the payment's event").isNotEmpty();
    // Was 6: SET TRANSACTION ISOLATION LEVEL and BEGIN before these (the relay's session is READ COMMITTED now).
    assertThat(sendingRounds).allSatisfy(round -> assertThat(round.commands()).extracting(c -> verb(c))
        .containsExactly("SELECT", "SELECT", "UPDATE", "COMMIT"));
    assertThat(commands).noneMatch(command -> command.sql().startsWith("SET TRANSACTION"));
  }

  private static String verb(MysqlCommandTap.Command command) {
    return command.sql().split(" ", 2)[0].toUpperCase(Locale.ROOT);
  }

  /** The commands grouped per connection into what each commit covered, in the order they began. */
  private static List<Unit> units(List<MysqlCommandTap.Command> commands) {
    List<Unit> units = new ArrayList<>();
    Map<Integer, List<MysqlCommandTap.Command>> open = new HashMap<>();
    for (MysqlCommandTap.Command command : commands) {
      String verb = verb(command);
      List<MysqlCommandTap.Command> transaction = open.get(command.connection());
      if (command.begins()) {
        transaction = new ArrayList<>();
        open.put(command.connection(), transaction);
        units.add(new Unit(transaction));
        transaction.add(command);
      } else if (transaction != null) {
        transaction.add(command);
        if (verb.equals("COMMIT") || verb.equals("ROLLBACK")) {
          open.remove(command.connection());
        }
      } else {
        units.add(new Unit(List.of(command)));
      }
    }
    return units;
  }

  private static void drainOutbox() {
    await(Eventually.until(STACK.vertx(), () -> STACK.mysql()
            .query("SELECT COUNT(*) AS n FROM outbox_events WHERE sent_at IS NULL").execute()
            .map(rows -> rows.iterator().next().getLong("n")),
        unsent -> unsent == 0, "the outbox sent"));
  }
}
