package com.chatplugify.webhooks.common.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a {@link TopicReader} starts: every partition of its topics, without a consumer group, from their beginning,
 * their end or an instant; or the partitions a consumer group gives it, from the group's committed offsets.
 */
public sealed interface ReadFrom {

    /** How long the partitions of a topic, and the offsets of an instant, may take to be known. */
    Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Assigns (or subscribes) {@code consumer} and sets its positions, on the reader's thread.
     *
     * @return the partitions assigned; none in a consumer group, whose partitions come and go
     */
    List<TopicPartition> position(Consumer<?, ?> consumer);

    /** Every partition of {@code topic} from its first record: for the views that read a compacted topic whole. */
    static ReadFrom beginning(String topic) {
        return new Beginning(topic);
    }

    /**
     * Every partition of {@code topics} from where each ends when the reader starts, that position fixed before the
     * reader says it has started: for the answers that calls wait for, none of which is older than the call.
     */
    static ReadFrom end(List<String> topics) {
        return new End(List.copyOf(topics));
    }

    /**
     * Every partition of {@code topic}, each from its first record written at or after the instant (its end when none
     * is), asked when the reader starts.
     */
    static ReadFrom time(String topic, Supplier<Instant> instant) {
        return new Time(topic, instant);
    }

    /** The partitions of {@code topic} that consumer group gives the reader, from the group's committed offsets. */
    static ReadFrom committed(String topic) {
        return new Committed(topic, null);
    }

    /** As {@link #committed(String)}, told of each rebalance (on the reader's thread, within a poll). */
    static ReadFrom committed(String topic, ConsumerRebalanceListener listener) {
        return new Committed(topic, listener);
    }

    record Beginning(String topic) implements ReadFrom {
        @Override
        public List<TopicPartition> position(Consumer<?, ?> consumer) {
            return TopicPartitions.assignFromBeginning(consumer, topic, METADATA_TIMEOUT);
        }
    }

    record End(List<String> topics) implements ReadFrom {
        @Override
        public List<TopicPartition> position(Consumer<?, ?> consumer) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.addAll(TopicPartitions.of(consumer, topic, METADATA_TIMEOUT));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: the end is looked up now, so that a record written once the reader started is read.
            partitions.forEach(consumer::position);
            return partitions;
        }
    }

    record Time(String topic, Supplier<Instant> instant) implements ReadFrom {
        @Override
        public List<TopicPartition> position(Consumer<?, ?> consumer) {
            List<TopicPartition> partitions = TopicPartitions.of(consumer, topic, METADATA_TIMEOUT);
            consumer.assign(partitions);
            long at = instant.get().toEpochMilli();
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, at));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, METADATA_TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
            return partitions;
        }
    }

    record Committed(String topic, ConsumerRebalanceListener listener) implements ReadFrom {
        @Override
        public List<TopicPartition> position(Consumer<?, ?> consumer) {
            if (listener == null) {
                consumer.subscribe(List.of(topic));
            } else {
                consumer.subscribe(List.of(topic), listener);
            }
            return List.of();
        }
    }
}
