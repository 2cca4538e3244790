package io.shpay.bench;

import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The quiet step between phases: waits until SH Pay's outbox holds no unsent event and every SH Pay consumer group
 * (not the bench's own readers) has committed the payment-events topic to its end, so one phase's backlog is neither
 * measured in the next one nor left out of its own CPU. Bounded: after {@link #limit} it reports what was left.
 */
final class Quiet implements AutoCloseable {

  private final BenchContext ctx;
  private final Admin admin;
  private final Duration limit;

  Quiet(BenchContext ctx) {
    this.ctx = ctx;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.target().kafkaBootstrap(),
        AdminClientConfig.CLIENT_ID_CONFIG, "shpay-bench-quiet"));
    Duration duration = ctx.options().duration();
    this.limit = duration.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60)
        : duration.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : duration;
  }

  /** {@code {reached, seconds, unsentOutbox, consumerLag}}. */
  JsonObject await() {
    long started = System.nanoTime();
    long deadline = started + limit.toNanos();
    long unsent;
    long lag;
    do {
      unsent = unsentOutbox();
      lag = unsent > 0 ? -1 : consumerLag();
      if (unsent == 0 && lag == 0) {
        break;
      }
      try {
        Thread.sleep(100); // the bench's main thread, never an event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (System.nanoTime() < deadline);
    return new JsonObject().put("reached", unsent == 0 && lag == 0)
        .put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0)
        .put("unsentOutbox", unsent).put("consumerLag", lag);
  }

  private long unsentOutbox() {
    return BenchContext.await(ctx.mysql().query("SELECT COUNT(*) FROM outbox_events WHERE sent_at IS NULL").execute())
        .iterator().next().getLong(0);
  }

  /** Records on the topic that SH Pay's groups have not committed yet, summed over groups and partitions. */
  private long consumerLag() {
    try {
      String topic = ctx.target().paymentEventsTopic();
      long lag = 0;
      Map<TopicPartition, Long> ends = null;
      for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
        if (group.groupId().startsWith("shpay-bench")) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> ours = new HashMap<>();
        committed.forEach((partition, offset) -> {
          if (partition.topic().equals(topic) && offset != null) {
            ours.put(partition, offset);
          }
        });
        if (ours.isEmpty()) {
          continue;
        }
        if (ends == null) {
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          ours.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
          ends = new HashMap<>();
          for (var entry : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            ends.put(entry.getKey(), entry.getValue().offset());
          }
        }
        for (var entry : ours.entrySet()) {
          Long end = ends.get(entry.getKey());
          if (end == null) {
            Map<TopicPartition, OffsetSpec> one = Map.of(entry.getKey(), OffsetSpec.latest());
            ListOffsetsResult.ListOffsetsResultInfo info = admin.listOffsets(one).partitionResult(entry.getKey())
                .get(10, TimeUnit.SECONDS);
            end = info.offset();
            ends.put(entry.getKey(), end);
          }
          lag += Math.max(0, end - entry.getValue().offset());
        }
      }
      return lag;
    } catch (Exception e) {
      return -1;
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
