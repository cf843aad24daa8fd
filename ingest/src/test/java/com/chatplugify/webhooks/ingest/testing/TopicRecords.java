package com.chatplugify.webhooks.ingest.testing;

import com.chatplugify.webhooks.common.testing.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the test broker from its beginning, committed records only, keeping those a test cares about. */
public final class TopicRecords {

    private TopicRecords() {
    }

    /**
     * The records of {@code topic} that {@code filter} keeps, read until {@code done} holds for them.
     *
     * @throws AssertionError when {@code done} does not hold within {@code timeout}
     */
    public static List<ConsumerRecord<String, byte[]>> await(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                            Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                            Duration timeout) {
        List<ConsumerRecord<String, byte[]>> kept = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(kept)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("after " + timeout + ", " + topic + " holds only " + kept.size()
                            + " records of interest");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (filter.test(record)) {
                        kept.add(record);
                    }
                });
            }
        }
        return kept;
    }

    /** The records of {@code topic} that {@code filter} keeps, among all those committed when the call started. */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        List<ConsumerRecord<String, byte[]>> kept = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (filter.test(record)) {
                        kept.add(record);
                    }
                });
            }
        }
        return kept;
    }

    private static Map<String, Object> properties() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    /** The value of the last header {@code name}, or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
