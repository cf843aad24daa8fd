package com.chatplugify.webhooks.router.testing;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every delivery of some workspaces in {@code chatplugify.deliveries}, as a downstream consumer reading committed
 * records sees them, counted by (event id, webhook id). Use from one thread.
 */
public final class DeliveryLog implements AutoCloseable {

    private final KafkaConsumer<String, Delivery> consumer;
    private final Set<String> workspaces;
    private final Map<String, Integer> counts = new HashMap<>();

    public DeliveryLog(Set<String> workspaces) {
        this.workspaces = Set.copyOf(workspaces);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new JsonSerde<>(Delivery.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERIES).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The key of a (event, webhook) pair in {@link #counts()}. */
    public static String pair(String eventId, String webhookId) {
        return eventId + " -> " + webhookId;
    }

    /** Reads what has been committed since the last call; returns this log. */
    public DeliveryLog poll() {
        for (ConsumerRecord<String, Delivery> record : consumer.poll(Duration.ofMillis(200))) {
            Delivery delivery = record.value();
            if (workspaces.contains(delivery.workspaceId())) {
                counts.merge(pair(delivery.event().id(), delivery.webhookId()), 1, Integer::sum);
            }
        }
        return this;
    }

    /** Reads up to the last committed record of every partition. */
    public DeliveryLog readToEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            poll();
        }
        return this;
    }

    /** How often each pair was delivered. */
    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
