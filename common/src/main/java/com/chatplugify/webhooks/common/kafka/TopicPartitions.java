package com.chatplugify.webhooks.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.ExponentialBackoff;

/**
 * The partitions of a topic, for a consumer that assigns them itself. Right after a topic is created (by this
 * instance's {@link TopicInitializer} or another's), the broker a consumer asks may not know it yet, and
 * {@code partitionsFor} then answers an empty list at once rather than wait; so this asks again, backing off, until
 * the partitions are known or the timeout has passed.
 */
public final class TopicPartitions {

    private static final ExponentialBackoff BACKOFF = new ExponentialBackoff(50, 2, 1_000, 0.2);

    private TopicPartitions() {
    }

    /**
     * @throws TimeoutException naming the topic when none of its partitions is known within {@code timeout}
     */
    public static List<TopicPartition> of(Consumer<?, ?> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; ; attempt++) {
            long left = deadline - System.nanoTime();
            List<PartitionInfo> infos;
            try {
                infos = left > 0 ? consumer.partitionsFor(topic, Duration.ofNanos(left)) : List.of();
            } catch (TimeoutException e) {
                throw unknown(topic, timeout, e);
            }
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            long pauseMillis = Math.min(BACKOFF.backoff(attempt),
                    TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (pauseMillis <= 0) {
                throw unknown(topic, timeout, null);
            }
            pause(pauseMillis, topic);
        }
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer}, from the beginning: for the views that read a
     * compacted topic whole.
     *
     * @return the partitions
     * @throws TimeoutException as {@link #of}
     */
    public static List<TopicPartition> assignFromBeginning(Consumer<?, ?> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = of(consumer, topic, timeout);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static TimeoutException unknown(String topic, Duration timeout, Throwable cause) {
        return new TimeoutException("topic " + topic + " has no partitions known to Kafka after " + timeout.toMillis()
                + " ms: it does not exist (every role creates the missing topics of its catalogue at start-up), or "
                + "this client may not describe it", cause);
    }

    private static void pause(long millis, String topic) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("interrupted while waiting for the partitions of "
                    + topic, e);
        }
    }
}
