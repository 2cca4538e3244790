package io.shpay.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates SH Pay's topics on the embedded broker before any consumer subscribes, as an operator would on a real
 * cluster: a consumer that finds no topic only warns ({@code UNKNOWN_TOPIC_OR_PARTITION}) until a producer happens to
 * create it. Partitions and replication follow the broker's defaults (three partitions, one replica).
 */
public final class LocalTopics {

  private LocalTopics() {}

  /** Creates each topic unless it exists; blocks (call it off any event loop). */
  public static void create(String bootstrapServers, List<String> topics) {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "shpay-local-topics"))) {
      var created = admin.createTopics(topics.stream()
          .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty()))
          .toList());
      for (String topic : topics) {
        try {
          created.values().get(topic).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Cannot create Kafka topic " + topic, e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating Kafka topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not create the topics " + topics + " within 30 s", e);
    }
  }
}
