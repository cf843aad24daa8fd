package com.chatplugify.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.router.testing.DeliveryLog;
import com.chatplugify.webhooks.router.testing.RouterInstances;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A workspace of 10,000 webhooks with 200-character URLs, on a broker with its default limits (1 MiB records): the
 * router keeps a route per webhook, so an event reaches every one of them.
 */
class LargeWorkspaceIT {

    private static final int WEBHOOKS = 10_000;
    private static final Duration GENEROUS = Duration.ofMinutes(3);

    private final String workspace = "ws_large_" + UUID.randomUUID();

    @Test
    void shouldRouteAnEventToEachOfTenThousandWebhooksOfOneWorkspace() {
        RouterInstances instances = new RouterInstances(Map.of());
        Set<String> webhookIds = new HashSet<>();
        try (KafkaProducer<String, byte[]> producer = producer();
             RouterRole router = instances.start(RouterInstances.newStateDir());
             KafkaConsumer<String, String> acks = acknowledgements();
             DeliveryLog deliveries = new DeliveryLog(Set.of(workspace))) {
            String path = "/" + "p".repeat(160) + "/";
            for (int i = 0; i < WEBHOOKS; i++) {
                String id = "webhook_" + UUID.randomUUID();
                webhookIds.add(id);
                Map<String, Object> subscription = new LinkedHashMap<>();
                subscription.put("id", id);
                subscription.put("workspaceId", workspace);
                subscription.put("url", "https://hooks.example.com" + path + id);
                subscription.put("events", List.of("*"));
                subscription.put("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
                subscription.put("enabled", true);
                subscription.put("version", 1);
                producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, id, Json.toBytes(subscription)));
            }
            producer.flush();

            Set<String> acknowledged = new HashSet<>();
            await().atMost(GENEROUS).pollInSameThread().until(() -> {
                acks.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (webhookIds.contains(record.key())) {
                        acknowledged.add(record.key());
                    }
                });
                return acknowledged.size() == WEBHOOKS;
            });

            String eventId = "evt_" + UUID.randomUUID();
            producer.send(new ProducerRecord<>(Topics.EVENTS, workspace, ("{\"id\":\"" + eventId
                    + "\",\"event\":\"task.created\",\"workspaceId\":\"" + workspace + "\",\"data\":{\"id\":\"t\"}}")
                    .getBytes(StandardCharsets.UTF_8)));

            await().atMost(GENEROUS).pollInSameThread()
                    .until(() -> deliveries.poll().counts().size() == WEBHOOKS);
            assertThat(deliveries.counts().keySet()).containsExactlyInAnyOrderElementsOf(
                    webhookIds.stream().map(id -> DeliveryLog.pair(eventId, id)).toList());
            assertThat(router.webhooksOf(workspace)).hasSize(WEBHOOKS);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                // One batch at a time: on topics created a moment ago, a first batch refused by a leader not yet in
                // place can otherwise be overtaken by the next ones and then be refused as out of order forever.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, String> acknowledgements() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTING_ACKS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
