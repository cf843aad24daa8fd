package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.router.topology.InvalidRecordHeaders;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Malformed and random records written straight to every input topic of the shared test system: each lands in the
 * invalid topic of its input (or, for deliveries, in the dead-letter topic) with its reason, and good events sent in
 * between are delivered meanwhile.
 */
class InputTopicSweepIT {

    private static final Logger log = LoggerFactory.getLogger(InputTopicSweepIT.class);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};

    private final ApiClient api = TestSystem.api();
    private final RecordingReceiver receiver = new RecordingReceiver();
    private final String workspace = "ws_sweep_" + UUID.randomUUID();
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 900 * 1024), new ByteArraySerializer(), new ByteArraySerializer());

    InputTopicSweepIT() throws IOException {
    }

    @AfterEach
    void stop() {
        producer.close();
        receiver.close();
    }

    @Test
    void shouldRefuseEveryBadEventWithItsReasonWhileDeliveringTheGoodOnesSentBetween() throws Exception {
        log.info("Event sweep with random seed {}", seed);
        String webhook = webhookForEverything();
        List<MalformedRecords.Malformed> bad = MalformedRecords.events(workspace, random);
        Map<String, MalformedRecords.Malformed> sent = new LinkedHashMap<>();
        List<String> good = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        keys.add(MalformedRecords.bytes(workspace));
        keys.add(null);
        keys.add(NOT_UTF8);
        for (MalformedRecords.Malformed record : bad) {
            sent.put(origin(send(Topics.EVENTS, record.key(), record.value())), record);
            String id = "evt_sweep_" + Ids.newEventId().substring(4);
            send(Topics.EVENTS, keys.get(good.size() % keys.size()), MalformedRecords.bytes("{\"id\":\"" + id
                    + "\",\"event\":\"contact.updated\",\"workspaceId\":\"" + workspace + "\",\"data\":{\"id\":\"c_1\"}}"));
            good.add(id);
        }

        assertEachRefusedWithItsReason(Topics.EVENTS_INVALID, Topics.EVENTS, sent);
        await().atMost(WAIT).until(() -> receiver.received().stream().map(r -> r.header("webhook-id"))
                .collect(Collectors.toSet()).containsAll(good));
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();
        assertRouterRunning(webhook);
    }

    @Test
    void shouldRefuseEveryBadSubscriptionWithItsReasonAndIgnoreTombstonesOfUnknownWebhooks() throws Exception {
        log.info("Subscription sweep with random seed {}", seed);
        String webhook = webhookForEverything();
        double unknownDeletions = count(WebhookMetrics.SUBSCRIPTIONS_UNKNOWN_DELETED);
        Map<String, MalformedRecords.Malformed> sent = new LinkedHashMap<>();
        for (MalformedRecords.Malformed record : MalformedRecords.subscriptions(workspace, receiver.url("/bad"), random)) {
            sent.put(origin(send(Topics.SUBSCRIPTIONS, record.key(), record.value())), record);
        }
        send(Topics.SUBSCRIPTIONS, MalformedRecords.bytes("webhook_never_" + UUID.randomUUID()), null);
        send(Topics.SUBSCRIPTIONS, NOT_UTF8, null);
        assertThatThrownBy(() -> send(Topics.SUBSCRIPTIONS, null, MalformedRecords.subscription("webhook_no_key",
                workspace, receiver.url("/bad"), "[\"*\"]")))
                .as("a compacted topic refuses a record without key; the writer is told")
                .hasCauseInstanceOf(InvalidRecordException.class);

        assertEachRefusedWithItsReason(Topics.SUBSCRIPTIONS_INVALID, Topics.SUBSCRIPTIONS, sent);
        await().atMost(WAIT).until(() -> count(WebhookMetrics.SUBSCRIPTIONS_UNKNOWN_DELETED) >= unknownDeletions + 2);
        String eventId = publish();
        await().atMost(WAIT).until(() -> receiver.received().stream().anyMatch(r -> eventId.equals(r.header("webhook-id"))));
        assertThat(receiver.received()).extracting(RecordingReceiver.Received::path).containsOnly("/sweep");
        assertRouterRunning(webhook);
    }

    @Test
    void shouldDeadLetterUnreadableRecordsOfTheDeliveryTopicsWithTheirReason() throws Exception {
        String webhook = webhookForEverything();
        Instant overdue = Instant.now().minusSeconds(3600);
        Map<String, String> sent = new HashMap<>();
        sent.put(origin(send(Topics.DELIVERIES, MalformedRecords.bytes(webhook), MalformedRecords.bytes("{\"webhookId\":"))), "not JSON");
        sent.put(origin(send(Topics.DELIVERIES, MalformedRecords.bytes(webhook), null)), "empty record");
        sent.put(origin(send(Topics.DELIVERIES, null, MalformedRecords.bytes("{}"))), "no key");
        sent.put(origin(send(Topics.DELIVERIES, MalformedRecords.bytes(webhook), MalformedRecords.bytes(
                "{\"webhookId\":\"webhook_other\",\"workspaceId\":\"" + workspace + "\",\"event\":{}}"))), "key mismatch");
        ProducerRecord<byte[], byte[]> dueRetry = new ProducerRecord<>(Topics.retryTier(1), null, overdue.toEpochMilli(),
                MalformedRecords.bytes(webhook), noise(300), new RecordHeaders().add(DeliveryHeaders.ATTEMPTS,
                MalformedRecords.bytes("many")).add(DeliveryHeaders.DUE_AT, MalformedRecords.bytes("soon")));
        sent.put(origin(send(dueRetry)), "garbage in a retry tier");

        try (TopicRecords dlq = new TopicRecords(TestKafka.bootstrapServers(), Topics.DLQ, record -> sent.containsKey(
                TopicRecords.header(record, DeliveryHeaders.ORIGIN_TOPIC) + "-" + TopicRecords.header(record, DeliveryHeaders.ORIGIN_PARTITION)
                        + "@" + TopicRecords.header(record, DeliveryHeaders.ORIGIN_OFFSET)))) {
            List<ConsumerRecord<String, byte[]>> parked = await().atMost(WAIT).until(dlq::poll, records -> records.size() >= sent.size());
            assertThat(parked).allSatisfy(record -> {
                assertThat(TopicRecords.header(record, DeliveryHeaders.REASON)).isEqualTo("unreadable_delivery");
                assertThat(TopicRecords.header(record, DeliveryHeaders.LAST_ERROR)).isNotBlank();
            });
        }
        String eventId = publish();
        await().atMost(WAIT).until(() -> receiver.received().stream().anyMatch(r -> eventId.equals(r.header("webhook-id"))));
        assertThat(TestSystem.shared().health().health().ok()).isTrue();
    }

    private void assertEachRefusedWithItsReason(String invalidTopic, String originTopic,
                                                Map<String, MalformedRecords.Malformed> sent) {
        try (TopicRecords invalid = new TopicRecords(TestKafka.bootstrapServers(), invalidTopic,
                record -> originTopic.equals(TopicRecords.header(record, InvalidRecordHeaders.ORIGIN_TOPIC))
                        && sent.containsKey(originOf(record)))) {
            List<ConsumerRecord<String, byte[]>> refused = await().atMost(WAIT)
                    .until(invalid::poll, records -> records.size() >= sent.size());
            Map<String, String> reasons = refused.stream().collect(Collectors.toMap(InputTopicSweepIT::originOf,
                    record -> TopicRecords.header(record, InvalidRecordHeaders.REASON)));
            Map<String, String> expected = sent.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    entry -> entry.getValue().reason()));
            assertThat(reasons).as("reasons by origin offset of %s", sent).isEqualTo(expected);
            assertThat(refused).allSatisfy(record -> assertThat(TopicRecords.header(record, InvalidRecordHeaders.DETAIL)).isNotBlank());
        }
    }

    private String webhookForEverything() {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/sweep"), "events", List.of("*"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String webhook = created.json().get("id").textValue();
        await().atMost(WAIT).until(() -> TestSystem.router().webhooksOf(workspace).contains(webhook));
        return webhook;
    }

    private String publish() {
        ApiClient.Response accepted = api.post("/v1/events", "{\"event\":\"task.created\",\"workspaceId\":\"" + workspace
                + "\",\"data\":{\"id\":\"task_1\"}}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().get("id").textValue();
    }

    private void assertRouterRunning(String webhook) {
        assertThat(TestSystem.router().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(TestSystem.router().webhooksOf(workspace)).containsExactly(webhook);
        assertThat(TestSystem.shared().health().health().ok()).isTrue();
    }

    private double count(String meter) {
        return TestSystem.shared().registry().find(meter).counters().stream().mapToDouble(Counter::count).sum();
    }

    private RecordMetadata send(String topic, byte[] key, byte[] value) throws InterruptedException, ExecutionException {
        return send(new ProducerRecord<>(topic, key, value));
    }

    private RecordMetadata send(ProducerRecord<byte[], byte[]> record) throws InterruptedException, ExecutionException {
        return producer.send(record).get();
    }

    private byte[] noise(int length) {
        byte[] noise = new byte[length];
        random.nextBytes(noise);
        return noise;
    }

    private static String origin(RecordMetadata metadata) {
        return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
    }

    private static String originOf(ConsumerRecord<String, byte[]> record) {
        return TopicRecords.header(record, InvalidRecordHeaders.ORIGIN_TOPIC) + "-"
                + TopicRecords.header(record, InvalidRecordHeaders.ORIGIN_PARTITION) + "@"
                + TopicRecords.header(record, InvalidRecordHeaders.ORIGIN_OFFSET);
    }
}
