package com.chatplugify.webhooks.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The records of a topic that a test cares about, read from the topic's beginning, committed records only: once, on
 * the test broker ({@link #readToEnd(String, Predicate)}, {@link #await(String, Predicate, Predicate, Duration)}), or
 * followed while the test runs ({@link #poll()}). Keys are strings, values bytes. Unlike the roles'
 * {@code TopicReader}, it reads on the test's thread, when the test asks.
 */
public final class TopicRecords implements AutoCloseable {

    private static final Duration READ_TO_END_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Predicate<ConsumerRecord<String, byte[]>> filter;
    private final List<ConsumerRecord<String, byte[]>> kept = new ArrayList<>();
    private boolean assigned;

    public TopicRecords(String bootstrapServers, String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        this.topic = topic;
        this.filter = filter;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The records of {@code topic} on the test broker that {@code filter} keeps, among all committed now. */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(String topic,
                                                                Predicate<ConsumerRecord<String, byte[]>> filter) {
        try (TopicRecords reader = new TopicRecords(TestKafka.bootstrapServers(), topic, filter)) {
            return reader.readToEnd();
        }
    }

    /**
     * The records of {@code topic} on the test broker that {@code filter} keeps, read until {@code done} holds for
     * them.
     *
     * @throws AssertionError when {@code done} does not hold within {@code timeout}
     */
    public static List<ConsumerRecord<String, byte[]>> await(String topic,
                                                            Predicate<ConsumerRecord<String, byte[]>> filter,
                                                            Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                            Duration timeout) {
        try (TopicRecords reader = new TopicRecords(TestKafka.bootstrapServers(), topic, filter)) {
            return reader.await(done, timeout);
        }
    }

    /** Reads what arrived since the last call; returns every kept record so far, oldest first per partition. */
    public List<ConsumerRecord<String, byte[]>> poll() {
        if (!assigned) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            assigned = true;
        }
        consumer.poll(Duration.ofMillis(100)).forEach(record -> {
            if (filter.test(record)) {
                kept.add(record);
            }
        });
        return List.copyOf(kept);
    }

    /**
     * Reads every committed record there is now; returns every kept record so far.
     *
     * @throws AssertionError when the end is not reached within 30 seconds
     */
    public List<ConsumerRecord<String, byte[]>> readToEnd() {
        poll();
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + READ_TO_END_TIMEOUT.toNanos();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + topic + " to its end in " + READ_TO_END_TIMEOUT);
            }
            poll();
        }
        return List.copyOf(kept);
    }

    /**
     * Reads until {@code done} holds for the kept records; returns them.
     *
     * @throws AssertionError when {@code done} does not hold within {@code timeout}
     */
    public List<ConsumerRecord<String, byte[]>> await(Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                     Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> soFar = List.copyOf(kept);
        while (!done.test(soFar)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout + ", " + topic + " holds only " + soFar.size()
                        + " records of interest");
            }
            soFar = poll();
        }
        return soFar;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /** The value of the record's last header {@code name}, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
