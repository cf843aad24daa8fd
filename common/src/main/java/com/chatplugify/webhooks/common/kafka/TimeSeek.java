package com.chatplugify.webhooks.common.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Where a view that follows a whole topic without a consumer group starts: its records since an instant. */
public final class TimeSeek {

    private TimeSeek() {
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer} and seeks each to its first record written at or
     * after {@code from} (its end when it has none).
     *
     * @throws IllegalStateException when the topic does not exist
     */
    public static void assignFrom(Consumer<?, ?> consumer, String topic, Instant from, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, timeout);
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
