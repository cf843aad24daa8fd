package com.chatplugify.webhooks.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reader on a real broker whose consumer's fetches the broker holds for longer than any wait here: new records and
 * catch-ups must not wait for them.
 */
class TopicReaderIT {

    /** How long the broker holds the reader's fetch when nothing is written: longer than {@link #WAIT}. */
    private static final int FETCH_MAX_WAIT_MS = 60_000;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String topic = "reader-it-" + UUID.randomUUID();
    private final WebhooksConfig config = new WebhooksConfig(CommonConfig.define(new ConfigDef()),
            Map.of(CommonConfig.KAFKA_BOOTSTRAP_SERVERS, TestKafka.bootstrapServers()));
    private final List<String> read = new CopyOnWriteArrayList<>();
    private Producer<String, byte[]> producer;
    private TopicReader reader;

    @BeforeEach
    void start() throws Exception {
        try (Admin admin = TestKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        producer = producer(null);
        Map<String, Object> properties = KafkaClients.consumer(config, null, "reader-it");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        reader = new TopicReader("reader-it", "Test reader",
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer()),
                AdminEndOffsets.connect(config, "reader-it-end-offsets"), ReadFrom.beginning(topic),
                Duration.ofMillis(50), records -> records.forEach(record ->
                        read.add(new String(record.value(), StandardCharsets.UTF_8))));
        reader.start();
        reader.started().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        reader.close();
        producer.close();
    }

    @Test
    void shouldHandOnARecordWrittenWhileTheBrokerHoldsItsFetch() throws Exception {
        write(0, "first");
        await().atMost(WAIT).until(() -> read.contains("first"));

        long offset = write(1, "second");

        reader.awaitOffset(new TopicPartition(topic, 1), offset).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(read).containsExactly("first", "second");
    }

    @Test
    void shouldCatchUpWithoutWaitingForTheFetchTheBrokerHolds() throws Exception {
        write(0, "a");
        write(1, "b");
        await().atMost(WAIT).until(() -> read.size() == 2);

        reader.awaitCaughtUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        write(1, "c");
        reader.awaitCaughtUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(read).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void shouldCatchUpToTheCommittedRecordsPastAnOpenTransaction() throws Exception {
        write(0, "committed");
        try (Producer<String, byte[]> transactional = producer("reader-it-" + UUID.randomUUID())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(topic, 0, "k", bytes("open"))).get(30, TimeUnit.SECONDS);

            reader.awaitCaughtUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(read).containsExactly("committed");
            transactional.abortTransaction();
        }
    }

    private long write(int partition, String value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, partition, "k", bytes(value))).get(30, TimeUnit.SECONDS)
                .offset();
    }

    private Producer<String, byte[]> producer(String transactionalId) {
        Map<String, Object> properties = KafkaClients.producer(config, "reader-it-producer");
        if (transactionalId != null) {
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
