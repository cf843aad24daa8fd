package com.chatplugify.webhooks.ingest.deadletters;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.TopicPartitions;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which dead letters have been replayed, read from the compacted {@code chatplugify.deliveries.dlq.replayed}
 * topic. It is brought up to date on demand ({@link #catchUp}), before a listing shows it and, under the
 * replayer's fence, before a replay decides what to re-deliver.
 */
public final class ReplayedEntries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplayedEntries.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final Consumer<String, byte[]> consumer;
    private final JsonSerde<ReplayMarker> serde = new JsonSerde<>(ReplayMarker.class);
    private final Map<String, Instant> replayedAt = new ConcurrentHashMap<>();
    private List<TopicPartition> partitions;

    /** @param consumer without a group, reading committed records; owned from now on */
    public ReplayedEntries(Consumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /**
     * Reads every marker committed before the call.
     *
     * @throws TimeoutException when the broker does not serve them within {@code timeout}
     */
    public synchronized void catchUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (partitions == null) {
            partitions = TopicPartitions.assignFromBeginning(consumer, Topics.DLQ_REPLAYED, timeout);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("could not read " + Topics.DLQ_REPLAYED + " to its end within " + timeout);
            }
            consumer.poll(POLL_TIMEOUT).forEach(this::apply);
        }
    }

    /** When the dead letter {@code entryId} was replayed, as of the last {@link #catchUp}. */
    public Optional<Instant> replayedAt(String entryId) {
        return Optional.ofNullable(replayedAt.get(entryId));
    }

    /** Records a replay this process has just committed, before the topic is read back. */
    void remember(String entryId, Instant at) {
        replayedAt.putIfAbsent(entryId, at);
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            replayedAt.remove(record.key());
            return;
        }
        try {
            ReplayMarker marker = serde.deserialize(record.topic(), record.value());
            replayedAt.put(record.key(), marker.replayedAt() != null ? marker.replayedAt()
                    : Instant.ofEpochMilli(record.timestamp()));
        } catch (SerializationException e) {
            // Still a marker: the key alone says the entry was replayed.
            log.warn("Unreadable replay marker for {} at {}-{}@{}", record.key(), record.topic(), record.partition(),
                    record.offset());
            replayedAt.put(record.key(), Instant.ofEpochMilli(record.timestamp()));
        }
    }
}
