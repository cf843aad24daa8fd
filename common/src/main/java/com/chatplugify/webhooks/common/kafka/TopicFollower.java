package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.logging.LogContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a whole topic (every partition, without a consumer group, so each process holds it all) from its records of
 * an instant on, for as long as the process runs, handing each record to a sink; a record that is not a {@code T} is
 * logged with its position and skipped, a tombstone ignored. For the in-memory views an API instance keeps.
 *
 * @param <T> what the topic's values are
 */
public final class TopicFollower<T> implements AutoCloseable {

    /** Takes one record's value, with the record for its position. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(ConsumerRecord<String, byte[]> record, T value);
    }

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Supplier<Instant> from;
    private final Deserializer<T> values;
    private final Sink<T> sink;
    private final ConsumerThread thread;

    /**
     * @param what     what the follower maintains, for the log line when it breaks (e.g. "Delivery history")
     * @param consumer without a group, reading committed records; owned from now on
     * @param from     where to start, asked when the thread starts
     */
    public TopicFollower(String threadName, String what, Consumer<String, byte[]> consumer, String topic,
                         Supplier<Instant> from, Deserializer<T> values, Sink<T> sink) {
        this.consumer = consumer;
        this.topic = topic;
        this.from = from;
        this.values = values;
        this.sink = sink;
        this.thread = new ConsumerThread(threadName, what, consumer, this::follow, () -> { });
    }

    public void start() {
        thread.start();
    }

    /** A follower whose thread died is not alive; {@link #failure()} says why. */
    public boolean alive() {
        return thread.alive();
    }

    public Optional<Throwable> failure() {
        return thread.failure();
    }

    @Override
    public void close() {
        thread.close();
    }

    private void follow(BooleanSupplier running) {
        assignFrom(from.get());
        while (running.getAsBoolean()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                if (record.value() != null) {
                    apply(record);
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        T value;
        try {
            value = values.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LogContext.webhook(record.key()).at(record)
                    .run(() -> log.warn("Skipping an unreadable record of {}: {}", topic, e.getMessage()));
            return;
        }
        sink.accept(record, value);
    }

    /** Every partition, each from its first record written at or after {@code instant} (its end when none is). */
    private void assignFrom(Instant instant) {
        List<TopicPartition> partitions = TopicPartitions.of(consumer, topic, METADATA_TIMEOUT);
        consumer.assign(partitions);
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, instant.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, METADATA_TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }
}
