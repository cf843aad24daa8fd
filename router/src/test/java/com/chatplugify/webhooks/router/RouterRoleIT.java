package com.chatplugify.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.router.testing.DeliveryLog;
import com.chatplugify.webhooks.router.testing.RouterInstances;
import com.chatplugify.webhooks.router.topology.InvalidRecordHeaders;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** One router on a real broker, exactly-once: bad records of every source go to an invalid topic, and it goes on. */
class RouterRoleIT {

    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private final String workspace = "ws_" + UUID.randomUUID();
    private final String webhookId = "webhook_" + UUID.randomUUID();

    @Test
    void shouldSendBadRecordsToTheInvalidTopicsWithinItsTransactionsAndKeepRouting() throws Exception {
        RouterInstances.ensureTopics();
        RouterInstances instances = new RouterInstances(Map.of());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaProducer<String, byte[]> producer = producer();
             RouterRole router = new RouterRole(instances.config(RouterInstances.newStateDir()), registry, new HealthChecks()).start();
             DeliveryLog deliveries = new DeliveryLog(Set.of(workspace));
             KafkaConsumer<byte[], byte[]> invalid = invalidRecordsConsumer()) {
            producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhookId, Json.toBytes(Map.of(
                    "id", webhookId, "workspaceId", workspace, "url", "https://example.com/hooks", "events", List.of("*")))));
            producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhookId + "_bad", bytes("{not json")));
            await().atMost(GENEROUS).until(() -> router.webhooksOf(workspace).contains(webhookId));

            producer.send(new ProducerRecord<>(Topics.EVENTS, workspace, bytes("{\"event\":\"task.created\"}")));
            producer.send(new ProducerRecord<>(instances.applicationId() + "-events-rekeyed-repartition", workspace,
                    bytes("written here by mistake")));
            producer.send(new ProducerRecord<>(Topics.EVENTS, workspace, event("evt_" + workspace)));

            await().atMost(GENEROUS).pollInSameThread()
                    .until(() -> deliveries.poll().counts().containsKey(DeliveryLog.pair("evt_" + workspace, webhookId)));
            List<ConsumerRecord<byte[], byte[]>> refused = new ArrayList<>();
            await().atMost(GENEROUS).pollInSameThread().until(() -> {
                invalid.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (new String(record.value(), StandardCharsets.UTF_8).contains(workspace)
                            || workspace.equals(key(record)) || (webhookId + "_bad").equals(key(record))) {
                        refused.add(record);
                    }
                });
                return refused.size() == 3;
            });

            assertThat(refused).extracting(record -> record.topic() + " " + header(record, InvalidRecordHeaders.REASON)
                    + " from " + header(record, InvalidRecordHeaders.ORIGIN_TOPIC)).containsExactlyInAnyOrder(
                    Topics.SUBSCRIPTIONS_INVALID + " " + Violation.NOT_JSON + " from " + Topics.SUBSCRIPTIONS,
                    Topics.EVENTS_INVALID + " " + Violation.MISSING_FIELD + " from " + Topics.EVENTS,
                    Topics.EVENTS_INVALID + " " + Violation.UNPROCESSABLE + " from "
                            + instances.applicationId() + "-events-rekeyed-repartition");
            // At least: a router with a new application id also routes what earlier tests published.
            assertThat(registry.get(WebhookMetrics.EVENTS_INVALID).tag("reason", Violation.MISSING_FIELD).counter().count())
                    .isGreaterThanOrEqualTo(1);
            assertThat(registry.get(WebhookMetrics.DELIVERIES_ROUTED).tag("event", "task.created").counter().count())
                    .isGreaterThanOrEqualTo(1);
            assertThat(registry.find("kafka.stream.thread.process.total").meters()).isNotEmpty();
        }
    }

    @Test
    void shouldRouteAnEventKeyedByItsWorkspaceOnAnotherPartitionThanItsKeyHashesTo() throws Exception {
        RouterInstances.ensureTopics();
        RouterInstances instances = new RouterInstances(Map.of());
        try (KafkaProducer<String, byte[]> producer = producer();
             RouterRole router = new RouterRole(instances.config(RouterInstances.newStateDir()), new SimpleMeterRegistry(),
                     new HealthChecks()).start();
             DeliveryLog deliveries = new DeliveryLog(Set.of(workspace))) {
            producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhookId, Json.toBytes(Map.of(
                    "id", webhookId, "workspaceId", workspace, "url", "https://example.com/hooks", "events", List.of("*")))));
            await().atMost(GENEROUS).until(() -> router.webhooksOf(workspace).contains(webhookId));
            int partitions = producer.partitionsFor(Topics.EVENTS).size();
            int hashed = Utils.toPositive(Utils.murmur2(workspace.getBytes(StandardCharsets.UTF_8))) % partitions;

            // As a client that hashes keys otherwise (librdkafka's default) might place it.
            producer.send(new ProducerRecord<>(Topics.EVENTS, (hashed + 1) % partitions, workspace, event("evt_" + workspace)));

            await().atMost(GENEROUS).pollInSameThread()
                    .until(() -> deliveries.poll().counts().containsKey(DeliveryLog.pair("evt_" + workspace, webhookId)));
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> invalidRecordsConsumer() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.EVENTS_INVALID, Topics.SUBSCRIPTIONS_INVALID)) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private byte[] event(String eventId) {
        return bytes("{\"id\":\"" + eventId + "\",\"event\":\"task.created\",\"workspaceId\":\"" + workspace
                + "\",\"data\":{\"id\":\"task_1\"}}");
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
