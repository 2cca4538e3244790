package io.shpay.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Injects a {@link FaultPlan} while the workload runs: {@link #tick} is called as each operation begins
 * and starts or ends the faults planned for it. {@link #heal} ends every fault and waits for whatever a
 * fault left running (a broker restart, a process replacement).
 */
final class SimFaults {

  /** Past SH Pay's bank timeout, so the call is abandoned while the bank still does the work. */
  private static final Duration SLOW = Duration.ofMillis(SimStack.BANK_TIMEOUT_MS + 400);
  /** Under the timeout: calls are in flight at the bank when a process is killed. */
  private static final Duration IN_FLIGHT = Duration.ofMillis(SimStack.BANK_TIMEOUT_MS * 7 / 10);
  /** How long MySQL stays unreachable for a MYSQL_RESET: the bank answers arrive meanwhile. */
  private static final Duration MYSQL_AWAY = Duration.ofMillis(SimStack.BANK_TIMEOUT_MS);

  private final Vertx vertx;
  private final SimStack stack;
  private final FaultPlan plan;
  private final Random random;
  private final List<Future<?>> running = new CopyOnWriteArrayList<>();
  private final boolean[] started;
  private final boolean[] ended;

  SimFaults(Vertx vertx, SimStack stack, FaultPlan plan, long seed) {
    this.vertx = vertx;
    this.stack = stack;
    this.plan = plan;
    this.random = new Random(seed ^ 0x5EED_FA17L);
    this.started = new boolean[plan.faults.size()];
    this.ended = new boolean[plan.faults.size()];
  }

  /** Operation {@code op} (counted across all simulated clients) is about to begin. */
  synchronized void tick(int op) {
    for (int i = 0; i < plan.faults.size(); i++) {
      FaultPlan.Fault fault = plan.faults.get(i);
      if (!started[i] && fault.atOp() <= op) {
        started[i] = true;
        running.add(begin(fault).onFailure(failed -> stack.trace.add("fault " + fault + " failed to apply: " + failed)));
      }
      if (started[i] && !ended[i] && fault.untilOp() > fault.atOp() && fault.untilOp() <= op) {
        ended[i] = true;
        running.add(end(fault));
      }
    }
  }

  /** Ends every fault (banks answer again, Kafka runs, a process serves) and waits for all of it. */
  Future<Void> heal() {
    synchronized (this) {
      for (int i = 0; i < plan.faults.size(); i++) {
        if (started[i] && !ended[i] && plan.faults.get(i).untilOp() > plan.faults.get(i).atOp()) {
          ended[i] = true;
          running.add(end(plan.faults.get(i)));
        }
      }
    }
    return Future.join(new ArrayList<>(running)).transform(all -> {
      stack.nh().faults().clear();
      stack.kftc().faults().clear();
      stack.trace.add("faults healed: banks answer at once, no drops pending");
      return blocking(() -> {
        if (!stack.kafka.isRunning()) {
          stack.kafka.restart();
        }
      });
    }).compose(kafka -> stack.serving())
        .compose(node -> node.reconnect(vertx))
        .map(restored -> {
          if (!restored.isEmpty()) {
            stack.trace.add("proxies that had stayed cut after a reset, listening again: " + restored);
          }
          return null;
        });
  }

  private Future<?> begin(FaultPlan.Fault fault) {
    stack.trace.add("FAULT " + fault);
    return switch (fault.kind()) {
      case NH_SLOW -> run(() -> stack.nh().faults().latency(SLOW));
      case KFTC_SLOW -> run(() -> stack.kftc().faults().latency(SLOW));
      case NH_DROP -> run(() -> stack.nh().faults().dropNext(fault.detail(), 1));
      case KFTC_DROP -> run(() -> stack.kftc().faults().dropNext(fault.detail(), 1));
      case NH_RESET -> onNode(node -> node.resetBank("NH"));
      case KFTC_RESET -> onNode(node -> node.resetBank("KFTC"));
      case MYSQL_RESET -> whileBanksWork(() -> onNode(node -> node.mysqlAway(MYSQL_AWAY, vertx)));
      case MYSQL_KILL -> whileBanksWork(() -> killConnections(Integer.parseInt(fault.detail())));
      case KAFKA_DOWN -> blocking(stack.kafka::stop);
      case REDIS_FLUSH -> flushRedis();
      case PROCESS_KILL -> whileBanksWork(stack::killAndReplace);
    };
  }

  private Future<?> end(FaultPlan.Fault fault) {
    stack.trace.add("fault ends: " + fault.kind());
    return switch (fault.kind()) {
      case NH_SLOW -> run(() -> stack.nh().faults().latency(Duration.ZERO));
      case KFTC_SLOW -> run(() -> stack.kftc().faults().latency(Duration.ZERO));
      case KAFKA_DOWN -> blocking(stack.kafka::restart);
      default -> Future.succeededFuture();
    };
  }

  /**
   * Both banks slow down just under the timeout and {@code fault} strikes halfway, so bank calls are
   * being executed when it does and their answers arrive into it: the moment between the bank call and
   * the settlement that a process kill or a MySQL failure hits in production.
   */
  private Future<?> whileBanksWork(java.util.function.Supplier<Future<?>> fault) {
    stack.nh().faults().latency(IN_FLIGHT);
    stack.kftc().faults().latency(IN_FLIGHT);
    return vertx.timer(IN_FLIGHT.toMillis() / 2).compose(t -> fault.get()).eventually(() -> {
      stack.nh().faults().latency(Duration.ZERO);
      stack.kftc().faults().latency(Duration.ZERO);
      return Future.succeededFuture();
    });
  }

  private Future<?> killConnections(int howMany) {
    return stack.admin(pool -> pool.preparedQuery(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID() ORDER BY ID")
        .execute(Tuple.of(stack.database))
        .compose(rows -> {
          List<Long> ids = new ArrayList<>();
          for (Row row : rows) {
            ids.add(row.getLong("ID"));
          }
          List<Future<?>> kills = new ArrayList<>();
          for (int i = 0; i < howMany && !ids.isEmpty(); i++) {
            long id = ids.remove(random.nextInt(ids.size()));
            stack.trace.add("  KILL " + id);
            // A number from the server itself; KILL takes no placeholders.
            kills.add(pool.query("KILL " + id).execute().otherwiseEmpty());
          }
          return Future.join(kills);
        }));
  }

  private Future<?> flushRedis() {
    Redis redis = Redis.createClient(vertx, stack.redis.uri());
    return redis.send(Request.cmd(Command.FLUSHALL)).eventually(() -> {
      redis.close();
      return Future.succeededFuture();
    });
  }

  private Future<?> onNode(java.util.function.Function<ShpayNode, Future<?>> fault) {
    ShpayNode node = stack.node();
    return node == null ? Future.succeededFuture() : fault.apply(node).otherwiseEmpty();
  }

  private static Future<?> run(Runnable change) {
    change.run();
    return Future.succeededFuture();
  }

  private Future<Void> blocking(Runnable work) {
    return vertx.executeBlocking(() -> {
      work.run();
      return null;
    }, false);
  }
}
