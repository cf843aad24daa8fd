package com.chatplugify.webhooks.app.reliability;

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

/** Follows a topic from its beginning (committed records only) and keeps the records a test cares about. */
public final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Predicate<ConsumerRecord<String, byte[]>> filter;
    private final List<ConsumerRecord<String, byte[]>> kept = new ArrayList<>();
    private boolean assigned;

    public TopicTail(String bootstrapServers, String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        this.topic = topic;
        this.filter = filter;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "reliability-tail-" + topic),
                new StringDeserializer(), new ByteArrayDeserializer());
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
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            if (filter.test(record)) {
                kept.add(record);
            }
        });
        return List.copyOf(kept);
    }

    /** Reads every committed record there is now; returns every kept record so far. */
    public List<ConsumerRecord<String, byte[]>> readToEnd() {
        poll();
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            poll();
        }
        return List.copyOf(kept);
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
